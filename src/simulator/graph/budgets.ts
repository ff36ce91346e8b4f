/**
 * Microsoft Graph's documented service budgets (entra-graph-2026.md §22, entra-graph.md §10.2),
 * measured on the simulator's clock (ctx.clock: a test's frozen clock only refills a budget when
 * the test advances it). Each budget is a sliding window of (time, cost) entries:
 *   reports       5 requests / 10 s per app per tenant, 429 without Retry-After
 *   ca            1 request / s per tenant for all apps together, 429 without Retry-After
 *   signInActivity 10 requests / 60 s per app per tenant ($select=signInActivity on users)
 *   directory     resource units / 10 s per app per tenant by tenant size (S < 50 users 3,500,
 *                 M 50–500 5,000, L > 500 8,000), 429 with Retry-After
 *   writes        3,000 directory writes / 150 s per app per tenant, 429 with Retry-After
 *   teams         installedApps 30 requests / s per app per tenant (GET and POST separately)
 */
import type { GraphRequest } from './types';
import { queryOption } from './odata';

export type Workload = 'directory' | 'reports' | 'ca' | 'teams';

export interface BudgetSpec {
  name: string;
  limit: number;
  windowMs: number;
  /** true: one budget per app; false: shared by every app of the tenant. */
  perApp: boolean;
  /** Retry-After on the 429 (Microsoft omits it for reports and CA/Identity Protection). */
  retryAfter: boolean;
  scope: string;
}

const spec = (name: string, limit: number, windowMs: number, perApp: boolean, retryAfter: boolean, scope: string): BudgetSpec => ({ name, limit, windowMs, perApp, retryAfter, scope });

export const BUDGETS = {
  reports: spec('reports', 5, 10_000, true, false, 'Tenant_Application/Read'),
  ca: spec('ca', 1, 1_000, false, false, 'Tenant/Read'),
  signInActivity: spec('signInActivity', 10, 60_000, true, false, 'Tenant_Application/Read'),
  writes: spec('writes', 3_000, 150_000, true, true, 'Tenant_Application/Write'),
  teamsRead: spec('teamsRead', 30, 1_000, true, true, 'Tenant_Application/Read'),
  teamsWrite: spec('teamsWrite', 30, 1_000, true, true, 'Tenant_Application/Write'),
} as const;

/** The directory resource-unit budget per 10 s per app per tenant (§22: S < 50, M 50–500, L > 500 users). */
export function directoryBudget(users: number): BudgetSpec {
  const limit = users < 50 ? 3_500 : users <= 500 ? 5_000 : 8_000;
  return spec('directory', limit, 10_000, true, true, 'Tenant_Application/ReadWrite');
}

/**
 * Resource units of one directory request (§22 base costs): GET users 2, memberOf /
 * transitiveMemberOf 2, checkMemberGroups 4, any other GET 1, any write 1; `$select` −1,
 * `$expand` +1, `$top` < 20 −1, at least 1.
 */
export function resourceUnits(req: GraphRequest, pattern: string): number {
  const p = pattern.toLowerCase();
  if (req.method !== 'GET') return p.endsWith('/checkmembergroups') ? 4 : 1;
  let cost = 1;
  if (p === '/users' || p === '/users/{user}') cost = 2;
  else if (p.includes('/transitivememberof') || p.includes('/memberof')) cost = 2;
  if (queryOption(req, 'select') !== undefined) cost -= 1;
  if (queryOption(req, 'expand') !== undefined) cost += 1;
  const top = Number(queryOption(req, 'top'));
  if (Number.isFinite(top) && top > 0 && top < 20) cost -= 1;
  return Math.max(1, cost);
}

/** Sliding windows of (time, cost) per budget key, on the caller's clock. */
export class BudgetWindows {
  private readonly windows = new Map<string, Array<{ at: number; cost: number }>>();

  /** Milliseconds until `cost` more fits (0 = it fits now). Nothing is recorded. */
  wait(key: string, budget: BudgetSpec, now: number, cost = 1): number {
    const live = (this.windows.get(key) ?? []).filter((e) => e.at > now - budget.windowMs && e.at <= now);
    this.windows.set(key, live);
    let used = live.reduce((sum, e) => sum + e.cost, 0);
    if (used + cost <= budget.limit) return 0;
    for (const e of live) {
      used -= e.cost;
      if (used + cost <= budget.limit) return Math.max(1, e.at + budget.windowMs - now);
    }
    return budget.windowMs;
  }

  record(key: string, now: number, cost = 1): void {
    const live = this.windows.get(key) ?? [];
    live.push({ at: now, cost });
    this.windows.set(key, live);
  }
}

/**
 * The workload of a route: by path first (so a route added later cannot escape its budget),
 * else what the route declares, else directory.
 */
export function workloadOf(pattern: string, declared: Workload | undefined): Workload {
  const p = pattern.toLowerCase();
  if (p.startsWith('/auditlogs/') || p.startsWith('/reports/')) return 'reports';
  if (p.startsWith('/identity/conditionalaccess/') || p.startsWith('/identityprotection/')) return 'ca';
  if (p.includes('/teamwork/installedapps')) return 'teams';
  return declared ?? 'directory';
}

/** The budgets one request draws from (in order), with its cost in each. */
export function budgetsFor(req: GraphRequest, workload: Workload, pattern: string, users: number): Array<{ budget: BudgetSpec; cost: number }> {
  switch (workload) {
    case 'reports': return [{ budget: BUDGETS.reports, cost: 1 }];
    case 'ca': return [{ budget: BUDGETS.ca, cost: 1 }];
    case 'teams': return [{ budget: req.method === 'GET' ? BUDGETS.teamsRead : BUDGETS.teamsWrite, cost: 1 }];
    case 'directory': {
      const out = [{ budget: directoryBudget(users), cost: resourceUnits(req, pattern) }];
      if (req.method !== 'GET' && !pattern.toLowerCase().endsWith('/checkmembergroups')) out.push({ budget: BUDGETS.writes, cost: 1 });
      if (req.method === 'GET' && /(^|,)\s*signInActivity\s*(,|$)/i.test(queryOption(req, 'select') ?? '')) out.unshift({ budget: BUDGETS.signInActivity, cost: 1 });
      return out;
    }
  }
}
