/**
 * GET /auditLogs/signIns (§6): $filter on userId / userPrincipalName / createdDateTime (and any
 * other signIn property), newest first, $top ≤ 1000, $skiptoken paging. A userId or UPN equality
 * in the top-level conjunction narrows the scan to that user's pre-sorted list (O(1) lookup).
 */
import { findUser, type JsonObject, type SimSignIn, type SimTenant } from '../../types';
import { SIGN_IN } from '../entities';
import { equalityOn, evaluate, parseFilter, type FilterExpr } from '../filter';
import { applySelect, contextUrl, decodeSkipToken, nextLink, parseSelect, parseTop, queryOption } from '../odata';
import { anyOf, ok, type Route } from '../route';
import type { GraphContext, GraphRequest } from '../types';

const SIGNIN_ROLES = anyOf('AuditLog.Read.All');

function createGlobalList() {
  let cached: { revision: number; users: number; list: SimSignIn[] } | undefined;
  return (tenant: SimTenant): SimSignIn[] => {
    if (cached && cached.revision === tenant.revision && cached.users === tenant.users.length) return cached.list;
    const list = tenant.users.flatMap((u) => u.signIns).sort((a, b) => b.ms - a.ms);
    cached = { revision: tenant.revision, users: tenant.users.length, list };
    return list;
  };
}

function candidates(ctx: GraphContext, expr: FilterExpr | undefined, global: (t: SimTenant) => SimSignIn[]): SimSignIn[] {
  if (expr) {
    const key = equalityOn(expr, 'userId') ?? equalityOn(expr, 'userPrincipalName');
    if (key !== undefined) return findUser(ctx.tenant, key)?.signIns ?? [];
  }
  return global(ctx.tenant);
}

export function createSignInRoutes(): Route[] {
  const global = createGlobalList();
  function list(ctx: GraphContext, req: GraphRequest): JsonObject {
    const filter = queryOption(req, 'filter');
    const expr = filter === undefined ? undefined : parseFilter(filter, (p) => SIGN_IN.known.has(p), SIGN_IN.name);
    const top = parseTop(req, 1000, 1000);
    const offset = decodeSkipToken(req);
    const matches: JsonObject[] = [];
    let more = false;
    let seen = 0;
    for (const s of candidates(ctx, expr, global)) {
      if (expr && !evaluate(expr, s.record)) continue;
      if (seen++ < offset) continue;
      if (matches.length === top) { more = true; break; }
      matches.push(s.record);
    }
    const select = parseSelect(req, SIGN_IN, matches);
    const body: JsonObject = { '@odata.context': contextUrl(ctx, 'auditLogs/signIns') };
    if (more) body['@odata.nextLink'] = nextLink(ctx, req, offset + top);
    body.value = matches.map((m) => applySelect(m, select, SIGN_IN));
    return body;
  }
  return [
    { method: 'GET', pattern: '/auditLogs/signIns', roles: SIGNIN_ROLES, denial: 'directory', premium: true, workload: 'reports', handle: (ctx, req) => ok(list(ctx, req)) },
  ];
}
