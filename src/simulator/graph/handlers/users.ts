/** GET /users/{id|upn}, /manager, /transitiveMemberOf; POST /checkMemberGroups (§1, §9) and /revokeSignInSessions. */
import { z } from 'zod';
import type { JsonObject, SimUser } from '../../types';
import { GROUP, USER, USER_DEFAULT_SELECT, ANY } from '../entities';
import { parseFilter, evaluate } from '../filter';
import { applySelect, contextUrl, pageOf, parseSelect, queryOption, selectContext } from '../odata';
import { anyOf, ok, type Route } from '../route';
import { GraphFault, badRequest, notFound, type GraphContext, type GraphRequest } from '../types';
import { hasRole, requireUser } from './common';

const USER_READ = anyOf('User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All');
const MEMBERSHIP_READ = anyOf('User.Read.All', 'GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All');
const CHECK_GROUPS = [['User.Read.All', 'GroupMember.Read.All'], ['User.Read.All', 'Group.Read.All'], ['GroupMember.Read.All'], ['Directory.Read.All'], ['Directory.ReadWrite.All']];

function signInActivity(user: SimUser): JsonObject {
  const given = user.props.signInActivity;
  if (typeof given === 'object' && given !== null) return given as JsonObject;
  const interactive = user.signIns.find((s) => s.record.isInteractive !== false);
  const success = user.signIns.find((s) => (s.record.status as JsonObject | undefined)?.errorCode === 0);
  return {
    lastSignInDateTime: interactive?.record.createdDateTime ?? null,
    lastSignInRequestId: interactive?.record.id ?? null,
    lastNonInteractiveSignInDateTime: null,
    lastNonInteractiveSignInRequestId: null,
    lastSuccessfulSignInDateTime: success?.record.createdDateTime ?? null,
    lastSuccessfulSignInRequestId: success?.record.id ?? null,
  };
}

/** The user resource with $select (or Graph's default property set) applied. */
export function renderUser(ctx: GraphContext, req: GraphRequest, user: SimUser, select: string[] | undefined): JsonObject {
  const obj: JsonObject = { id: user.id, businessPhones: [], ...user.props };
  if (select?.includes('signInActivity')) {
    if (!hasRole(req.claims.roles, 'AuditLog.Read.All')) throw new GraphFault(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    if (!ctx.tenant.premium) throw new GraphFault(403, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', "Neither tenant is B2C or tenant doesn't have premium license");
    obj.signInActivity = signInActivity(user);
  } else {
    delete obj.signInActivity;
  }
  return applySelect(obj, select ?? USER_DEFAULT_SELECT, USER);
}

function getUser(ctx: GraphContext, req: GraphRequest, user: SimUser, entitySet: string): JsonObject {
  const select = parseSelect(req, USER, [user.props], 'Request_BadRequest');
  return { '@odata.context': contextUrl(ctx, selectContext(entitySet, select, true)), ...renderUser(ctx, req, user, select) };
}

/**
 * Reading a directoryRole needs a role-read permission (entra-graph-2026.md §18.6); without one
 * Graph still lists the role but "only the @odata.type ... and the id", other properties null.
 */
export const ROLE_READ = ['RoleManagement.Read.Directory', 'RoleManagement.Read.All', 'RoleManagement.ReadWrite.Directory', 'Directory.Read.All', 'Directory.ReadWrite.All'];

function roleView(ctx: GraphContext, req: GraphRequest, r: { id: string; props: JsonObject }): JsonObject {
  const full: JsonObject = { '@odata.type': '#microsoft.graph.directoryRole', id: r.id, deletedDateTime: null, description: null, ...r.props };
  if (!ctx.tenant.simulation.workloadLimits || hasRole(req.claims.roles, ...ROLE_READ)) return full;
  const limited: JsonObject = {};
  for (const k of Object.keys(full)) limited[k] = k === '@odata.type' || k === 'id' ? full[k] : null;
  return { ...limited, displayName: null, roleTemplateId: null };
}

function memberOfItems(ctx: GraphContext, req: GraphRequest, user: SimUser, cast: string | undefined): JsonObject[] {
  const groups = ctx.membership.groupsOf(user);
  const out: JsonObject[] = [];
  if (cast === undefined || cast === 'microsoft.graph.group') {
    for (const g of ctx.tenant.groups.values()) if (groups.has(g.id.toLowerCase())) out.push({ '@odata.type': '#microsoft.graph.group', id: g.id, ...g.props });
  }
  if (cast === undefined || cast === 'microsoft.graph.directoryrole') {
    for (const r of ctx.membership.rolesOf(user)) out.push(roleView(ctx, req, r));
  }
  return out;
}

function transitiveMemberOf(ctx: GraphContext, req: GraphRequest, userKey: string | undefined, cast: string | undefined): JsonObject {
  const user = requireUser(ctx, userKey);
  const castKey = cast?.toLowerCase();
  if (castKey !== undefined && castKey !== 'microsoft.graph.group' && castKey !== 'microsoft.graph.directoryrole') throw badRequest(`Resource not found for the segment '${cast}'.`);
  let items = memberOfItems(ctx, req, user, castKey);
  const filter = queryOption(req, 'filter');
  if (filter !== undefined) {
    const expr = parseFilter(filter, (p) => GROUP.known.has(p) || items.some((i) => p in i), castKey === 'microsoft.graph.directoryrole' ? 'microsoft.graph.directoryRole' : 'microsoft.graph.group');
    items = items.filter((i) => evaluate(expr, i));
  }
  const select = parseSelect(req, castKey === undefined ? ANY : GROUP, items, 'Request_BadRequest');
  return pageOf(ctx, req, items, {
    context: castKey === 'microsoft.graph.group' ? 'groups' : castKey === 'microsoft.graph.directoryrole' ? 'directoryRoles' : 'directoryObjects',
    defaultTop: 100,
    maxTop: 999,
    map: (o) => applySelect(o, select, ANY),
  });
}

const REVOKE = anyOf('User.RevokeSessions.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All');
/** Updating accountEnabled: Microsoft lists User.EnableDisableAccount.All together with User.Read.All as least privileged. */
const ENABLE_DISABLE = [['User.EnableDisableAccount.All', 'User.Read.All'], ['User.ReadWrite.All'], ['Directory.ReadWrite.All']];
const PatchBody = z.object({ accountEnabled: z.boolean() }).strict();

const CheckBody = z.object({ groupIds: z.array(z.string()) }).passthrough();

export const userRoutes: Route[] = [
  { method: 'GET', pattern: '/users/{user}', roles: USER_READ, denial: 'directory', handle: (ctx, req, p) => ok(getUser(ctx, req, requireUser(ctx, p.user), 'users')) },
  {
    method: 'GET', pattern: '/users/{user}/manager', roles: USER_READ, denial: 'directory',
    handle: (ctx, req, p) => {
      const user = requireUser(ctx, p.user);
      const manager = user.managerId === undefined ? undefined : ctx.tenant.usersById.get(user.managerId.toLowerCase());
      if (!manager) throw notFound('manager');
      const select = parseSelect(req, USER, [manager.props], 'Request_BadRequest');
      return ok({ '@odata.context': contextUrl(ctx, 'directoryObjects/$entity'), '@odata.type': '#microsoft.graph.user', ...renderUser(ctx, req, manager, select) });
    },
  },
  { method: 'GET', pattern: '/users/{user}/transitiveMemberOf', roles: MEMBERSHIP_READ, denial: 'directory', handle: (ctx, req, p) => ok(transitiveMemberOf(ctx, req, p.user, undefined)) },
  { method: 'GET', pattern: '/users/{user}/transitiveMemberOf/{cast}', roles: MEMBERSHIP_READ, denial: 'directory', handle: (ctx, req, p) => ok(transitiveMemberOf(ctx, req, p.user, p.cast)) },
  {
    method: 'POST', pattern: '/users/{user}/revokeSignInSessions', roles: REVOKE, denial: 'directory',
    handle: (ctx, _req, p) => {
      const user = requireUser(ctx, p.user);
      user.props.signInSessionsValidFromDateTime = ctx.clock.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
      user.revision++;
      return ok({ '@odata.context': contextUrl(ctx, 'Edm.Boolean'), value: true });
    },
  },
  {
    // The simulator updates only accountEnabled (blocking sign-in after a reported takeover).
    method: 'PATCH', pattern: '/users/{user}', roles: ENABLE_DISABLE, denial: 'directory',
    handle: (ctx, req, p) => {
      const user = requireUser(ctx, p.user);
      const body = PatchBody.safeParse(req.body);
      if (!body.success) throw badRequest('The simulator updates only accountEnabled on a user.', 'Request_BadRequest');
      user.props.accountEnabled = body.data.accountEnabled;
      user.revision++;
      return { status: 204, headers: {} };
    },
  },
  {
    method: 'POST', pattern: '/users/{user}/checkMemberGroups', roles: CHECK_GROUPS, denial: 'directory',
    handle: (ctx, req, p) => {
      const user = requireUser(ctx, p.user);
      const body = CheckBody.safeParse(req.body);
      if (!body.success) throw badRequest("Invalid request body: expected {\"groupIds\": [...]}.", 'Request_BadRequest');
      if (body.data.groupIds.length > 20) throw badRequest('The number of groupIds exceeds the maximum of 20.', 'Request_BadRequest');
      const groups = ctx.membership.groupsOf(user);
      return ok({ '@odata.context': contextUrl(ctx, 'Collection(Edm.String)'), value: body.data.groupIds.filter((g) => groups.has(g.toLowerCase())) });
    },
  },
];
