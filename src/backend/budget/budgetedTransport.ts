/**
 * A GraphTransport that takes every request's tokens from the tenant's BudgetKeeper before it
 * leaves (each request inside a $batch counts, retries count again). A request whose tokens are
 * not granted in time is not sent: it gets a local 429 `budgetExhausted` reply, which callers
 * treat like Graph's own throttling (a gap, or a retry after the keeper's wait).
 */
import type { GraphCall, GraphReply, GraphTransport } from '../graph/transport';
import type { BudgetKeeper, BudgetName } from './keeper';
import { requestCost, workloadOf } from './workloads';

export const BUDGET_EXHAUSTED = 'budgetExhausted';

export function budgetExhaustedReply(name: BudgetName): GraphReply {
  return { status: 429, headers: { 'x-budget': name }, body: { error: { code: BUDGET_EXHAUSTED, message: `the tenant's ${name} budget is spent for now` } } };
}

export function isBudgetExhausted(reply: GraphReply): boolean {
  return reply.status === 429 && typeof reply.headers['x-budget'] === 'string';
}

function group(calls: GraphCall[]): Map<BudgetName | 'none', GraphCall[]> {
  const out = new Map<BudgetName | 'none', GraphCall[]>();
  for (const c of calls) {
    const w = workloadOf(c.url);
    const list = out.get(w) ?? [];
    list.push(c);
    out.set(w, list);
  }
  return out;
}

export function budgetedTransport(inner: GraphTransport, keeper: BudgetKeeper, opts: { appId: string; maxWaitMs?: number }): GraphTransport {
  const take = (name: BudgetName, cost: number) => keeper.grant(name, cost, { appId: opts.appId, ...(opts.maxWaitMs === undefined ? {} : { maxWaitMs: opts.maxWaitMs }) });
  const settle = (name: BudgetName | 'none', at: number | undefined, cost: number) => (name === 'none' || at === undefined ? Promise.resolve() : keeper.settle(name, opts.appId, at, cost));
  const observe = async (name: BudgetName | 'none', reply: GraphReply) => {
    if (name !== 'none' && reply.status === 429 && !isBudgetExhausted(reply)) await keeper.throttled(name, opts.appId);
  };
  return {
    async send(call) {
      const w = workloadOf(call.url);
      let at: number | undefined;
      if (w !== 'none') {
        at = await take(w, requestCost(call.method, call.url));
        if (at === undefined) return budgetExhaustedReply(w);
      }
      const reply = await inner.send(call);
      await settle(w, at, 1);
      await observe(w, reply);
      return reply;
    },
    async batch(calls) {
      const refused = new Map<string, GraphReply>();
      const now: GraphCall[] = [];
      /** Window-bucket calls (CA, reports) beyond what the bucket holds right now: sent alone once their token comes. */
      const later: Array<{ call: GraphCall; name: BudgetName }> = [];
      const groups = group(calls);
      const inBatch: Array<{ name: BudgetName; at: number }> = [];
      for (const name of ['ca', 'reports'] as const) {
        let full = false;
        for (const c of groups.get(name) ?? []) {
          const at: number | undefined = full ? undefined : await keeper.grant(name, 1, { appId: opts.appId, maxWaitMs: 0 });
          full = at === undefined;
          if (at === undefined) later.push({ call: c, name });
          else {
            now.push(c);
            inBatch.push({ name, at });
          }
        }
      }
      const directory = groups.get('directory') ?? [];
      if (directory.length > 0) {
        if (await take('directory', directory.reduce((n, c) => n + requestCost(c.method, c.url), 0))) now.push(...directory);
        else for (const c of directory) refused.set(c.id, budgetExhaustedReply('directory'));
      }
      now.push(...(groups.get('none') ?? []));
      const outcome = now.length === 0 ? ({ kind: 'ok', replies: new Map<string, GraphReply>() } as const) : await inner.batch(now);
      for (const g of inBatch) await settle(g.name, g.at, 1);
      if (outcome.kind === 'failed') return outcome;
      for (const c of now) {
        const r = outcome.replies.get(c.id);
        if (r) await observe(workloadOf(c.url), r);
      }
      // After the $batch answered (its CA/report grants now count from then): the rest, one by one.
      for (const { call, name } of later) {
        const at = await take(name, 1);
        if (at === undefined) {
          outcome.replies.set(call.id, budgetExhaustedReply(name));
          continue;
        }
        const reply = await inner.send(call);
        await settle(name, at, 1);
        await observe(name, reply);
        outcome.replies.set(call.id, reply);
      }
      for (const [id, r] of refused) outcome.replies.set(id, r);
      return outcome;
    },
  };
}
