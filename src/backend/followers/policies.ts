/**
 * Tenant policies read ahead of need: authentication methods, device quota, Conditional Access
 * policies and named locations. The CA reads draw on the tenant's 1 request/s budget shared with
 * every app, so they happen here, once per interval, a budget-second apart, and never inside a
 * diagnosis. A diagnosis that comes before the first read waits for it (single flight).
 */
import { assemblePolicies, policyCalls, type TenantPolicies } from '../graph/policies';
import { newMeter } from '../graph/retry';
import type { Follower, FollowerDeps } from './types';
import { recorded } from './walk';

export interface PolicyView {
  policies: TenantPolicies;
  asOf: string;
}

export interface PolicyFollower extends Follower {
  current(): PolicyView | undefined;
  /** The current view, or the one being read now / read for this call. */
  get(): Promise<PolicyView>;
}

export function policyFollower(deps: FollowerDeps, intervalMs: number): PolicyFollower {
  let view: PolicyView | undefined;
  let flight: Promise<PolicyView> | undefined;

  const read = (): Promise<PolicyView> => {
    flight ??= (async () => {
      let out: PolicyView | undefined;
      try {
        await recorded(deps, 'policies', async (startedAt) => {
          // Sent one by one: the budget keeper spaces the two CA reads a second apart.
          const replies = new Map();
          for (const call of policyCalls()) replies.set(call.id, await deps.executor.send(call, newMeter()));
          const assembled = assemblePolicies(replies);
          out = { policies: assembled.policies, asOf: startedAt };
          if (assembled.cacheable) view = out;
          else if (!view) throw new Error(`policies read with gaps: ${assembled.policies.gaps.map((g) => `${g.source} ${g.status}`).join(', ')}`);
        });
      } finally {
        flight = undefined;
      }
      return view ?? (out as PolicyView);
    })();
    return flight;
  };

  return {
    name: 'policies',
    intervalMs,
    current: () => view,
    get: async () => view ?? (await read()),
    run: async () => {
      await read();
    },
  };
}
