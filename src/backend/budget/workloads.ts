/**
 * Which Microsoft Graph budget a request draws from, and what it costs (entra-graph-2026.md §22):
 * identity & access reports (`/auditLogs/*`, `/reports/*`) 5 requests / 10 s per app per tenant;
 * Conditional Access + Identity Protection 1 request / s per tenant for all apps together; the
 * directory resource-unit bucket by tenant size. Teams APIs (installedApps, chats) have their own
 * limits, not kept here (`none`).
 */
export type Workload = 'reports' | 'ca' | 'directory' | 'none';
export type TenantSize = 'S' | 'M' | 'L';

export type BucketSpec =
  /** At most `limit` grants in any `windowMs` (the documented sliding window), plus a safety margin. */
  | { kind: 'window'; limit: number; windowMs: number; marginMs: number }
  /** A token bucket of `capacity` units refilled evenly over `windowMs`. */
  | { kind: 'tokens'; capacity: number; windowMs: number };

/** Directory resource units per 10 s per app per tenant: S < 50 users, M 50–500, L > 500. */
export const DIRECTORY_RU: Record<TenantSize, number> = { S: 3500, M: 5000, L: 8000 };

export interface BudgetSpecs {
  reports: BucketSpec;
  ca: BucketSpec;
  directory: BucketSpec;
}

/**
 * The margins cover the time between our grant and Graph's count (network, token refresh): a grant
 * sent a little late must not land inside the previous one's window at Graph.
 */
export function budgetSpecs(size: TenantSize = 'S', margins: { reportsMs?: number; caMs?: number } = {}): BudgetSpecs {
  return {
    reports: { kind: 'window', limit: 5, windowMs: 10_000, marginMs: margins.reportsMs ?? 500 },
    ca: { kind: 'window', limit: 1, windowMs: 1_000, marginMs: margins.caMs ?? 150 },
    directory: { kind: 'tokens', capacity: DIRECTORY_RU[size], windowMs: 10_000 },
  };
}

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return (q < 0 ? url : url.slice(0, q)).toLowerCase().replace(/^\/v1\.0(?=\/)/, '').replace(/^\/beta(?=\/)/, '');
}

export function workloadOf(url: string): Workload {
  const p = pathOf(url);
  if (p.startsWith('/auditlogs/') || p.startsWith('/reports/')) return 'reports';
  if (p.startsWith('/identity/conditionalaccess/') || p.startsWith('/identityprotection/')) return 'ca';
  if (/^\/users\/[^/]+\/teamwork(\/|$)/.test(p) || p.startsWith('/chats') || p.startsWith('/appcatalogs') || p.startsWith('/teams/')) return 'none';
  return 'directory';
}

/** Resource units of one directory request (§22 "directory base costs"); report/CA requests cost 1. */
export function requestCost(method: string, url: string): number {
  if (workloadOf(url) !== 'directory') return 1;
  if (method !== 'GET') {
    const p = pathOf(url);
    if (/\/(checkmembergroups|checkmemberobjects|ismemberof)$/.test(p)) return 4;
    if (/\/(getmembergroups|getmemberobjects)$/.test(p)) return 2;
    if (p.endsWith('/directoryobjects/getbyids')) return 5;
    return 1;
  }
  const p = pathOf(url);
  const query = url.includes('?') ? url.slice(url.indexOf('?')).toLowerCase() : '';
  let base = 1;
  if (p === '/users' || p === '/groups') base = 2;
  else if (/\/transitivemembers$/.test(p)) base = 5;
  else if (/\/members$/.test(p)) base = 3;
  else if (/\/(transitivememberof|memberof)(\/|$)/.test(p)) base = 2;
  else if (p === '/subscribedskus') base = 3;
  if (query.includes('$select=')) base -= 1;
  if (query.includes('$expand=')) base += 1;
  const top = /\$top=(\d+)/.exec(query);
  if (top && Number(top[1]) < 20) base -= 1;
  return Math.max(1, base);
}
