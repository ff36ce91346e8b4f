/**
 * Simulation knobs from the fixture's `simulation` section (read live, so tests can change
 * them at run time): injected failures, every-Nth throttling, and Microsoft's documented
 * per-workload budgets (budgets.ts; on unless `simulation.workloadLimits` is false).
 */
import type { SimFailure } from '../types';
import { BudgetWindows, budgetsFor, type Workload } from './budgets';
import { defaultFault, errorResponse } from './errors';
import type { GraphContext, GraphRequest, GraphResponse } from './types';

export type { Workload } from './budgets';

export function createKnobs(ctx: GraphContext) {
  let counter = 0;
  /** The counter restarts whenever everyNth changes, so run-time changes are predictable. */
  let countingFor = 0;
  const used = new WeakMap<SimFailure, number>();
  const windows = new BudgetWindows();

  function injectedFailure(req: GraphRequest): GraphResponse | undefined {
    const path = req.path.toLowerCase();
    for (const f of ctx.tenant.simulation.failures) {
      if (!path.startsWith(f.path.toLowerCase())) continue;
      if (f.method !== undefined && f.method.toUpperCase() !== req.method) continue;
      const n = used.get(f) ?? 0;
      if (n >= (f.times ?? 1)) continue;
      used.set(f, n + 1);
      const d = defaultFault(f.status);
      const headers: Record<string, string> = {};
      const retry = f.retryAfterSeconds ?? (f.status === 503 || f.status === 504 ? 1 : f.status === 429 ? ctx.tenant.simulation.throttle.retryAfterSeconds : undefined);
      if (retry !== undefined) headers['retry-after'] = String(retry);
      return errorResponse(ctx.clock, req, f.status, f.code ?? d.code, f.message ?? d.message, { headers });
    }
    return undefined;
  }

  function throttled(req: GraphRequest): GraphResponse | undefined {
    const { everyNth, retryAfterSeconds } = ctx.tenant.simulation.throttle;
    if (everyNth !== countingFor) {
      countingFor = everyNth;
      counter = 0;
    }
    if (everyNth <= 0) return undefined;
    counter++;
    if (counter % everyNth !== 0) return undefined;
    const d = defaultFault(429);
    return errorResponse(ctx.clock, req, 429, d.code, d.message, { headers: { 'retry-after': String(retryAfterSeconds) } });
  }

  function workloadLimited(req: GraphRequest, workload: Workload, pattern: string): GraphResponse | undefined {
    if (!ctx.tenant.simulation.workloadLimits) return undefined;
    const now = ctx.clock.now().getTime();
    const draws = budgetsFor(req, workload, pattern, ctx.tenant.users.length).map((d) => ({ ...d, key: d.budget.perApp ? `${d.budget.name}:${req.claims.appId}` : d.budget.name }));
    for (const d of draws) {
      const wait = windows.wait(d.key, d.budget, now, d.cost);
      if (wait === 0) continue;
      const headers: Record<string, string> = { 'x-ms-throttle-scope': `${d.budget.scope}/${req.claims.appId}/${ctx.tenant.id}` };
      if (d.budget.retryAfter) {
        headers['retry-after'] = String(Math.max(1, Math.ceil(wait / 1000)));
        if (d.budget.name === 'directory') headers['x-ms-throttle-information'] = 'ResourceUnitLimitExceeded';
      }
      return errorResponse(ctx.clock, req, 429, 'TooManyRequests', 'Too many requests. Please try again later.', { headers });
    }
    for (const d of draws) windows.record(d.key, now, d.cost);
    return undefined;
  }

  return {
    /** A simulated failure response for this request, or undefined to serve it normally. */
    check(req: GraphRequest, workload: Workload, pattern: string): GraphResponse | undefined {
      return injectedFailure(req) ?? throttled(req) ?? workloadLimited(req, workload, pattern);
    },
  };
}

export type Knobs = ReturnType<typeof createKnobs>;
