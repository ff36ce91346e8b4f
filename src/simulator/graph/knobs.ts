/**
 * Simulation knobs from the fixture's `simulation` section (read live, so tests can change
 * them at run time): injected failures, every-Nth throttling, and optional per-workload limits
 * (entra-graph.md §10: reports 5 req/10 s per app, CA + Identity Protection 1 req/s per tenant,
 * both without Retry-After).
 */
import type { SimFailure } from '../types';
import { defaultFault, errorResponse } from './errors';
import type { GraphContext, GraphRequest, GraphResponse } from './types';

export type Workload = 'directory' | 'reports' | 'ca';

const LIMITS: Record<Exclude<Workload, 'directory'>, { limit: number; windowMs: number; perApp: boolean }> = {
  reports: { limit: 5, windowMs: 10_000, perApp: true },
  ca: { limit: 1, windowMs: 1_000, perApp: false },
};

export function createKnobs(ctx: GraphContext) {
  let counter = 0;
  /** The counter restarts whenever everyNth changes, so run-time changes are predictable. */
  let countingFor = 0;
  const used = new WeakMap<SimFailure, number>();
  const windows = new Map<string, number[]>();

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

  function workloadLimited(req: GraphRequest, workload: Workload): GraphResponse | undefined {
    if (!ctx.tenant.simulation.workloadLimits || workload === 'directory') return undefined;
    const spec = LIMITS[workload];
    const key = spec.perApp ? `${workload}:${req.claims.appId}` : workload;
    const now = ctx.clock.now().getTime();
    const recent = (windows.get(key) ?? []).filter((t) => t > now - spec.windowMs && t <= now);
    if (recent.length >= spec.limit) {
      windows.set(key, recent);
      return errorResponse(ctx.clock, req, 429, 'TooManyRequests', 'Too many requests. Please try again later.');
    }
    recent.push(now);
    windows.set(key, recent);
    return undefined;
  }

  return {
    /** A simulated failure response for this request, or undefined to serve it normally. */
    check(req: GraphRequest, workload: Workload): GraphResponse | undefined {
      return injectedFailure(req) ?? throttled(req) ?? workloadLimited(req, workload);
    },
  };
}

export type Knobs = ReturnType<typeof createKnobs>;
