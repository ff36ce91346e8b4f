import { budgetedTransport, BudgetKeeper, budgetSpecs, isBudgetExhausted, MemoryBucketStore, requestCost, workloadOf } from '../../../../src/backend/budget';
import type { BatchOutcome, GraphCall, GraphReply, GraphTransport } from '../../../../src/backend/graph/transport';
import { FixedClock } from '../../../../src/shared/clock';

const T0 = '2026-11-26T09:30:00Z';

function keeperWithClock(maxWaitMs = 60_000) {
  const clock = new FixedClock(T0);
  const slept: number[] = [];
  const keeper = new BudgetKeeper({
    tenantId: 't1',
    specs: budgetSpecs('S', { reportsMs: 0, caMs: 0 }),
    store: new MemoryBucketStore(),
    clock,
    maxWaitMs,
    // Concurrent sleepers wake at their own instant: the clock moves to the latest wake-up, not their sum.
    sleep: async (ms) => {
      slept.push(ms);
      const wake = clock.now().getTime() + ms;
      await Promise.resolve();
      if (clock.now().getTime() < wake) clock.set(new Date(wake));
    },
  });
  return { clock, slept, keeper };
}

/** Records the instant (tenant clock) at which each request left. */
function recordingTransport(clock: FixedClock): GraphTransport & { sent: Array<{ url: string; at: number }> } {
  const sent: Array<{ url: string; at: number }> = [];
  const reply = (): GraphReply => ({ status: 200, headers: {}, body: { value: [] } });
  return {
    sent,
    async send(call: GraphCall) {
      sent.push({ url: call.url, at: clock.now().getTime() });
      return reply();
    },
    async batch(calls: GraphCall[]): Promise<BatchOutcome> {
      for (const c of calls) sent.push({ url: c.url, at: clock.now().getTime() });
      return { kind: 'ok', replies: new Map(calls.map((c) => [c.id, reply()])) };
    },
  };
}

function maxInWindow(times: number[], windowMs: number): number {
  let max = 0;
  for (const t of times) max = Math.max(max, times.filter((u) => u >= t && u < t + windowMs).length);
  return max;
}

describe('budget keeper', () => {
  it('classifies sign-ins, audits and reports as the reports workload, CA and Identity Protection as ca, users as directory', () => {
    expect(workloadOf('/auditLogs/signIns?$filter=x')).toBe('reports');
    expect(workloadOf('/auditLogs/directoryAudits')).toBe('reports');
    expect(workloadOf('/reports/authenticationMethods/userRegistrationDetails?$top=999')).toBe('reports');
    expect(workloadOf('/identity/conditionalAccess/namedLocations')).toBe('ca');
    expect(workloadOf('/identityProtection/riskyUsers/abc')).toBe('ca');
    expect(workloadOf('/users/a@b.c/transitiveMemberOf')).toBe('directory');
    expect(workloadOf('/users/abc/teamwork/installedApps')).toBe('none');
  });

  it('prices directory requests in resource units as Microsoft documents them', () => {
    expect(requestCost('GET', '/users/x?$select=id')).toBe(1);
    expect(requestCost('GET', '/users/x/transitiveMemberOf')).toBe(2);
    expect(requestCost('POST', '/users/x/checkMemberGroups')).toBe(4);
    expect(requestCost('GET', '/users?$top=999')).toBe(2);
    expect(requestCost('GET', '/groups/g/transitiveMembers')).toBe(5);
  });

  it('when twelve report requests are asked for at once, no ten-second window ever holds more than five', async () => {
    const { clock, keeper } = keeperWithClock();
    const transport = recordingTransport(clock);
    const budgeted = budgetedTransport(transport, keeper, { appId: 'app' });

    const replies = await Promise.all(Array.from({ length: 12 }, (_, i) => budgeted.send({ id: `r${i}`, method: 'GET', url: '/auditLogs/signIns' })));

    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(transport.sent).toHaveLength(12);
    expect(maxInWindow(transport.sent.map((s) => s.at), 10_000)).toBe(5);
    expect(keeper.binding()).toBe('reports');
  });

  it('when a $batch holds three CA reads, one rides in it and the others leave alone a second apart', async () => {
    const { clock, keeper } = keeperWithClock();
    const transport = recordingTransport(clock);
    const budgeted = budgetedTransport(transport, keeper, { appId: 'app' });
    const calls: GraphCall[] = [
      { id: 'p', method: 'GET', url: '/identity/conditionalAccess/policies' },
      { id: 'l', method: 'GET', url: '/identity/conditionalAccess/namedLocations' },
      { id: 'r', method: 'GET', url: '/identityProtection/riskyUsers/u1' },
      { id: 'u', method: 'GET', url: '/users/u1' },
    ];

    const outcome = await budgeted.batch(calls);

    expect(outcome.kind).toBe('ok');
    if (outcome.kind === 'ok') expect([...outcome.replies.keys()].sort()).toEqual(['l', 'p', 'r', 'u']);
    const caTimes = transport.sent.filter((s) => workloadOf(s.url) === 'ca').map((s) => s.at);
    expect(caTimes).toHaveLength(3);
    expect(maxInWindow(caTimes, 1000)).toBe(1);
  });

  it('when the tokens cannot come within the longest wait, the request is not sent and answers 429 budgetExhausted', async () => {
    const { clock, keeper } = keeperWithClock(2000);
    const transport = recordingTransport(clock);
    const budgeted = budgetedTransport(transport, keeper, { appId: 'app' });
    for (let i = 0; i < 5; i++) await budgeted.send({ id: `r${i}`, method: 'GET', url: '/reports/x' });

    const refused = await budgeted.send({ id: 'r6', method: 'GET', url: '/reports/x' });

    expect(isBudgetExhausted(refused)).toBe(true);
    expect(transport.sent).toHaveLength(5);
    expect(keeper.stats().reports.exhausted).toBe(1);
  });

  it('when Graph throttles a CA read the keeper granted (another app spent the tenant budget), the next CA read waits a full second', async () => {
    const { clock, keeper } = keeperWithClock();
    let first = true;
    const sent: number[] = [];
    const transport: GraphTransport = {
      async send() {
        sent.push(clock.now().getTime());
        const status = first ? 429 : 200;
        first = false;
        return { status, headers: {}, body: null };
      },
      batch: async () => ({ kind: 'ok', replies: new Map() }),
    };
    const budgeted = budgetedTransport(transport, keeper, { appId: 'app' });
    clock.advance(5000);

    await budgeted.send({ id: 'a', method: 'GET', url: '/identity/conditionalAccess/policies' });
    await budgeted.send({ id: 'b', method: 'GET', url: '/identity/conditionalAccess/policies' });

    expect((sent[1] ?? 0) - (sent[0] ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(keeper.stats().ca.throttledAnyway).toBe(1);
  });

  it('when the tenant clock is frozen and waits do not move it, a caller is refused after the longest wait instead of spinning', async () => {
    const clock = new FixedClock(T0);
    const keeper = new BudgetKeeper({ tenantId: 't', specs: budgetSpecs(), store: new MemoryBucketStore(), clock, maxWaitMs: 3000, sleep: async () => undefined });
    expect(await keeper.take('ca', 1, { appId: 'a' })).toBe(true);
    expect(await keeper.take('ca', 1, { appId: 'a' })).toBe(false);
  });
});
