/**
 * GET /reports/authenticationMethods/userRegistrationDetails[/{id}] (§8). Pages walk the tenant's
 * user list from the position in the opaque $skiptoken, deriving (cached) rows on the way, so a
 * full walk over 100,000 users is linear. Default page size 100, $top ≤ 1000.
 */
import type { JsonObject } from '../../types';
import { REGISTRATION } from '../entities';
import { evaluate, parseFilter } from '../filter';
import { applySelect, contextUrl, decodeSkipToken, nextLink, parseSelect, parseTop, queryOption, selectContext } from '../odata';
import { anyOf, ok, type Route } from '../route';
import { notFound, type GraphContext, type GraphRequest } from '../types';
import { requireUser } from './common';

const ROLES = anyOf('AuditLog.Read.All');
export const REGISTRATION_PAGE_SIZE = 100;

function list(ctx: GraphContext, req: GraphRequest): JsonObject {
  const filter = queryOption(req, 'filter');
  const expr = filter === undefined ? undefined : parseFilter(filter, (p) => REGISTRATION.known.has(p), REGISTRATION.name);
  const select = parseSelect(req, REGISTRATION, []);
  const top = parseTop(req, REGISTRATION_PAGE_SIZE, 1000);
  const users = ctx.tenant.users;
  const rows: JsonObject[] = [];
  let i = decodeSkipToken(req);
  let nextAt: number | undefined;
  for (; i < users.length; i++) {
    const user = users[i];
    if (!user) break;
    const row = ctx.registration.rowOf(user);
    if (!row || (expr && !evaluate(expr, row))) continue;
    if (rows.length === top) { nextAt = i; break; }
    rows.push(row);
  }
  const body: JsonObject = { '@odata.context': contextUrl(ctx, selectContext('reports/authenticationMethods/userRegistrationDetails', select)) };
  if (nextAt !== undefined) body['@odata.nextLink'] = nextLink(ctx, req, nextAt);
  body.value = rows.map((r) => applySelect(r, select, REGISTRATION));
  return body;
}

export const reportRoutes: Route[] = [
  { method: 'GET', pattern: '/reports/authenticationMethods/userRegistrationDetails', roles: ROLES, denial: 'directory', premium: true, workload: 'reports', handle: (ctx, req) => ok(list(ctx, req)) },
  {
    method: 'GET', pattern: '/reports/authenticationMethods/userRegistrationDetails/{user}', roles: ROLES, denial: 'directory', premium: true, workload: 'reports',
    handle: (ctx, req, p) => {
      const user = requireUser(ctx, p.user);
      const select = parseSelect(req, REGISTRATION, []);
      const row = ctx.registration.rowOf(user);
      if (!row) throw notFound(user.id);
      return ok({ '@odata.context': contextUrl(ctx, selectContext('reports/authenticationMethods/userRegistrationDetails', select, true)), ...applySelect(row, select, REGISTRATION) });
    },
  },
];
