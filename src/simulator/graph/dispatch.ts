/**
 * One Graph request → one response: route match, simulation knobs, permission and licence
 * checks, handler, error mapping. Used for standalone HTTP requests and every $batch item.
 */
import { errorResponse } from './errors';
import { deviceRoutes } from './handlers/devices';
import { methodRoutes } from './handlers/methods';
import { policyRoutes } from './handlers/policies';
import { reportRoutes } from './handlers/reports';
import { roleManagementRoutes } from './handlers/roleManagement';
import { sessionRoutes } from './handlers/sessions';
import { teamworkRoutes } from './handlers/teamwork';
import { tenantFeedRoutes } from './handlers/tenantFeeds';
import { createSignInRoutes } from './handlers/signIns';
import { userRoutes } from './handlers/users';
import { workloadOf } from './budgets';
import { createKnobs } from './knobs';
import { matchRoute, type Route } from './route';
import { GraphFault, type GraphContext, type GraphRequest, type GraphResponse } from './types';

export interface SimStats {
  /** Graph requests, counting every $batch item (not the $batch envelope). */
  requests: number;
  /** HTTP requests to /v1.0 (a $batch is one). */
  httpRequests: number;
  batches: number;
  /** Token endpoint requests. */
  tokenRequests: number;
  /** Graph requests per "METHOD /route/{pattern}". */
  byPath: Record<string, number>;
}

export const emptyStats = (): SimStats => ({ requests: 0, httpRequests: 0, batches: 0, tokenRequests: 0, byPath: {} });

const DENIALS = {
  directory: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.', inner: undefined },
  authMethods: { code: 'accessDenied', message: 'Request Authorization failed', inner: 'Request Authorization failed' },
  // PIM answers a missing scope with UnknownError and a JSON message (entra-graph-2026.md §18.2, field report).
  pim: { code: 'UnknownError', message: '{"errorCode":"PermissionScopeNotGranted","message":"Authorization failed due to missing permission scope RoleEligibilitySchedule.Read.Directory,RoleManagement.Read.Directory."}', inner: undefined },
} as const;

/** Every Graph route the simulator serves, with the permissions each demands (its permission map). */
export function graphRoutes(): Route[] {
  return [...userRoutes, ...methodRoutes, ...deviceRoutes, ...createSignInRoutes(), ...reportRoutes, ...policyRoutes, ...roleManagementRoutes, ...sessionRoutes, ...teamworkRoutes, ...tenantFeedRoutes];
}

export function createDispatcher(ctx: GraphContext, stats: () => SimStats) {
  const routes = graphRoutes();
  const knobs = createKnobs(ctx);

  return function dispatch(req: GraphRequest): GraphResponse {
    const s = stats();
    s.requests++;
    const match = matchRoute(routes, req.method, req.segments);
    const key = 'route' in match ? `${req.method} ${match.route.pattern}` : `${req.method} (unmatched)`;
    s.byPath[key] = (s.byPath[key] ?? 0) + 1;
    if (!('route' in match)) {
      if (match.methodMismatch) return errorResponse(ctx.clock, req, 405, 'Request_BadRequest', `The HTTP method '${req.method}' is not allowed for this resource.`);
      const last = req.segments[req.segments.length - 1] ?? '';
      return errorResponse(ctx.clock, req, 404, 'NotFound', `Resource not found for the segment '${last}'.`);
    }
    const { route, params } = match;
    const simulated = knobs.check(req, workloadOf(route.pattern, route.workload), route.pattern);
    if (simulated) return simulated;
    const alternatives = typeof route.roles === 'function' ? route.roles(params) : route.roles;
    if (!alternatives.some((set) => set.every((r) => req.claims.roles.includes(r)))) {
      const d = DENIALS[route.denial];
      return errorResponse(ctx.clock, req, 403, d.code, d.message, d.inner === undefined ? {} : { innerMessage: d.inner });
    }
    if (route.premium && !ctx.tenant.premium) {
      return errorResponse(ctx.clock, req, 403, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', "Neither tenant is B2C or tenant doesn't have premium license");
    }
    try {
      return route.handle(ctx, req, params);
    } catch (e) {
      if (e instanceof GraphFault) {
        const opts: { innerMessage?: string; headers: Record<string, string> } = { headers: e.headers };
        if (e.innerMessage !== undefined) opts.innerMessage = e.innerMessage;
        return errorResponse(ctx.clock, req, e.status, e.code, e.message, opts);
      }
      return errorResponse(ctx.clock, req, 500, 'generalException', 'An unexpected error occurred in the simulator.');
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
