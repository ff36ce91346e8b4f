/**
 * Tenant-wide feeds the backend's followers read: the risky-users list (Identity Protection, CA
 * workload) and the directory audit log's security-info events (reports workload). Security-info
 * events are derived from each user's authentication methods: one "User registered security info"
 * per method with a createdDateTime (loggedByService "Authentication Methods", category
 * "UserManagement", entra-graph.md §6). Phone and email methods have no createdDateTime in Graph;
 * a fixture may give them `@sim.registeredDateTime` (hidden from the methods list) so that their
 * registration shows up here only, as in Entra (entra-graph-2026.md §21).
 */
import type { JsonObject, SimUser } from '../../types';
import { evaluate, parseFilter } from '../filter';
import { pageOf, queryOption } from '../odata';
import { anyOf, ok, type Route } from '../route';
import type { GraphContext, GraphRequest } from '../types';

const RISK = anyOf('IdentityRiskyUser.Read.All', 'IdentityRiskyUser.ReadWrite.All');
const AUDIT = anyOf('AuditLog.Read.All');
const AUDIT_KNOWN = new Set(['id', 'category', 'activityDisplayName', 'activityDateTime', 'loggedByService', 'operationType', 'result', 'targetResources', 'initiatedBy']);
const RISK_KNOWN = new Set(['id', 'riskLevel', 'riskState', 'riskDetail', 'riskLastUpdatedDateTime', 'userPrincipalName', 'isDeleted']);

function riskRow(user: SimUser): JsonObject {
  const level = String(user.risk?.riskLevel ?? 'none');
  return {
    id: user.id,
    isDeleted: false,
    isProcessing: false,
    riskLastUpdatedDateTime: null,
    riskState: level === 'none' ? 'none' : 'atRisk',
    riskDetail: 'none',
    userDisplayName: user.props.displayName ?? null,
    userPrincipalName: user.upn,
    ...user.risk,
  };
}

function filtered(req: GraphRequest, rows: JsonObject[], known: Set<string>, entity: string): JsonObject[] {
  const filter = queryOption(req, 'filter');
  if (filter === undefined) return rows;
  const expr = parseFilter(filter, (p) => known.has(p), entity);
  return rows.filter((r) => evaluate(expr, r));
}

function securityInfoEvents(ctx: GraphContext): JsonObject[] {
  const events: JsonObject[] = [];
  for (const user of ctx.tenant.users) {
    for (const m of user.methods) {
      const at = m.createdDateTime ?? m['@sim.registeredDateTime'];
      if (typeof at !== 'string' || !Number.isFinite(Date.parse(at)) || Date.parse(at) > ctx.clock.now().getTime()) continue;
      events.push({
        id: `Authentication Methods_${user.id}_${String(m.id)}`,
        category: 'UserManagement',
        correlationId: String(m.id),
        activityDisplayName: 'User registered security info',
        activityDateTime: new Date(Date.parse(at)).toISOString(),
        loggedByService: 'Authentication Methods',
        operationType: 'Add',
        result: 'success',
        resultReason: 'User registered security info',
        initiatedBy: { user: { id: user.id, userPrincipalName: user.upn } },
        targetResources: [{ id: user.id, type: 'User', userPrincipalName: user.upn, displayName: user.props.displayName ?? null }],
        additionalDetails: [
          { key: 'Method', value: String(m['@odata.type'] ?? '').replace('#microsoft.graph.', '') },
          ...(typeof m.phoneType === 'string' ? [{ key: 'PhoneType', value: m.phoneType }] : []),
        ],
      });
    }
  }
  // Newest first, as the audit log lists.
  return events.sort((a, b) => Date.parse(String(b.activityDateTime)) - Date.parse(String(a.activityDateTime)));
}

export const tenantFeedRoutes: Route[] = [
  {
    method: 'GET', pattern: '/identityProtection/riskyUsers', roles: RISK, denial: 'directory', workload: 'ca',
    handle: (ctx, req) => ok(pageOf(ctx, req, filtered(req, ctx.tenant.users.filter((u) => u.risk).map(riskRow), RISK_KNOWN, 'microsoft.graph.riskyUser'), { context: 'identityProtection/riskyUsers', defaultTop: 20, maxTop: 500 })),
  },
  {
    method: 'GET', pattern: '/auditLogs/directoryAudits', roles: AUDIT, denial: 'directory', workload: 'reports',
    handle: (ctx, req) => ok(pageOf(ctx, req, filtered(req, securityInfoEvents(ctx), AUDIT_KNOWN, 'microsoft.graph.directoryAudit'), { context: 'auditLogs/directoryAudits', defaultTop: 100, maxTop: 1000 })),
  },
];
