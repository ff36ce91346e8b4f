/**
 * PIM for Entra roles (entra-graph-2026.md §18): eligibility and active-assignment schedule
 * instances with `$filter` (principalId, roleDefinitionId, directoryScopeId, memberType; eq/ne,
 * and/or), and role definitions (the fixture's custom roles plus the built-in roles its
 * directoryRoles name). Instances are served as the fixture gives them; group-derived roles are
 * rows whose principalId is the group (§18.5), never expanded to the members.
 */
import type { JsonObject } from '../../types';
import { parseFilter, evaluate } from '../filter';
import { contextUrl, pageOf, queryOption } from '../odata';
import { anyOf, ok, type Route } from '../route';
import type { GraphContext, GraphRequest } from '../types';

const ELIGIBILITY_READ = anyOf('RoleEligibilitySchedule.Read.Directory', 'RoleEligibilitySchedule.ReadWrite.Directory', 'RoleManagement.Read.All', 'RoleManagement.Read.Directory', 'RoleManagement.ReadWrite.Directory');
/** Least privilege assumed by analogy (entra-graph-2026.md §18.2, unconfirmed). */
const ASSIGNMENT_READ = anyOf('RoleAssignmentSchedule.Read.Directory', 'RoleAssignmentSchedule.ReadWrite.Directory', 'RoleManagement.Read.All', 'RoleManagement.Read.Directory', 'RoleManagement.ReadWrite.Directory');
const DEFINITION_READ = anyOf('RoleManagement.Read.Directory', 'RoleManagement.Read.All', 'RoleManagement.ReadWrite.Directory', 'Directory.Read.All', 'Directory.ReadWrite.All');

const INSTANCE_PROPS = new Set(['id', 'principalId', 'roleDefinitionId', 'directoryScopeId', 'appScopeId', 'startDateTime', 'endDateTime', 'memberType', 'assignmentType', 'roleEligibilityScheduleId', 'roleAssignmentScheduleId', 'roleAssignmentOriginId']);
const DEFINITION_PROPS = new Set(['id', 'displayName', 'description', 'isBuiltIn', 'isEnabled', 'templateId', 'version', 'rolePermissions']);

function filtered(req: GraphRequest, items: readonly JsonObject[], known: ReadonlySet<string>, typeName: string): JsonObject[] {
  const filter = queryOption(req, 'filter');
  if (filter === undefined) return [...items];
  const expr = parseFilter(filter, (p) => known.has(p), typeName);
  return items.filter((i) => evaluate(expr, i));
}

function instances(ctx: GraphContext, req: GraphRequest, kind: 'eligibility' | 'assignments'): JsonObject {
  const items = ctx.tenant.roleManagement?.[kind] ?? [];
  const set = kind === 'eligibility' ? 'roleEligibilityScheduleInstances' : 'roleAssignmentScheduleInstances';
  const type = kind === 'eligibility' ? 'microsoft.graph.unifiedRoleEligibilityScheduleInstance' : 'microsoft.graph.unifiedRoleAssignmentScheduleInstance';
  return pageOf(ctx, req, filtered(req, items, INSTANCE_PROPS, type), { context: `roleManagement/directory/${set}`, defaultTop: 100, maxTop: 999 });
}

function definitions(ctx: GraphContext): JsonObject[] {
  const custom = ctx.tenant.roleManagement?.definitions ?? [];
  const builtIn: JsonObject[] = [];
  for (const r of ctx.tenant.directoryRoles.values()) {
    const templateId = typeof r.props.roleTemplateId === 'string' ? r.props.roleTemplateId : undefined;
    if (!templateId || custom.some((d) => String(d.id).toLowerCase() === templateId.toLowerCase())) continue;
    builtIn.push({ id: templateId, templateId, displayName: r.props.displayName ?? null, isBuiltIn: true, isEnabled: true });
  }
  return [...builtIn, ...custom];
}

export const roleManagementRoutes: Route[] = [
  { method: 'GET', pattern: '/roleManagement/directory/roleEligibilityScheduleInstances', roles: ELIGIBILITY_READ, denial: 'pim', handle: (ctx, req) => ok(instances(ctx, req, 'eligibility')) },
  { method: 'GET', pattern: '/roleManagement/directory/roleAssignmentScheduleInstances', roles: ASSIGNMENT_READ, denial: 'pim', handle: (ctx, req) => ok(instances(ctx, req, 'assignments')) },
  {
    method: 'GET', pattern: '/roleManagement/directory/roleDefinitions', roles: DEFINITION_READ, denial: 'directory',
    handle: (ctx, req) => ok({ '@odata.context': contextUrl(ctx, 'roleManagement/directory/roleDefinitions'), value: filtered(req, definitions(ctx), DEFINITION_PROPS, 'microsoft.graph.unifiedRoleDefinition') }),
  },
];
