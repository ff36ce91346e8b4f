/**
 * The budget keeper against real things: two instances sharing one SQLite file (the shared bucket
 * record with ETags), and the real gateway against the simulator with Microsoft's workload limits on.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BudgetKeeper, budgetSpecs, DocumentBucketStore } from '../../../src/backend/budget';
import { createGraphGateway } from '../../../src/backend/graph/directoryGateway';
import { localConfig } from '../../../src/cli/localTenant';
import { FixedClock } from '../../../src/shared/clock';
import { silentLogger } from '../../../src/shared/logger';
import { startSimulator } from '../../../src/simulator';
import { openSqliteStore } from '../../../src/storage/sqlite/sqliteStore';
import { fixtureCopy, NOW } from '../simulator/helpers';

/** A tenant clock that moves only when someone waits; concurrent waiters wake at their own instant. */
function steppedClock(): { clock: FixedClock; sleep: (ms: number) => Promise<void> } {
  const clock = new FixedClock(NOW);
  return {
    clock,
    sleep: async (ms) => {
      const wake = clock.now().getTime() + ms;
      await new Promise((r) => setImmediate(r));
      if (clock.now().getTime() < wake) clock.set(new Date(wake));
    },
  };
}

describe('budget keeper shared across instances and against the simulator', () => {
  it('when two instances share one store file, together they never take more than five report tokens in ten seconds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'budget-'));
    const { clock, sleep } = steppedClock();
    const a = openSqliteStore(join(dir, 's.sqlite'), { clock });
    const b = openSqliteStore(join(dir, 's.sqlite'), { clock });
    try {
      const keeper = (store: typeof a) => new BudgetKeeper({ tenantId: 't', specs: budgetSpecs('S', { reportsMs: 0 }), store: new DocumentBucketStore(store), clock, sleep });
      const k1 = keeper(a);
      const k2 = keeper(b);
      const granted: number[] = [];
      const take = async (k: BudgetKeeper) => {
        if (await k.take('reports', 1, { appId: 'app' })) granted.push(clock.now().getTime());
      };

      await Promise.all([...Array.from({ length: 6 }, () => take(k1)), ...Array.from({ length: 6 }, () => take(k2))]);

      expect(granted).toHaveLength(12);
      for (const t of granted) expect(granted.filter((u) => u >= t && u < t + 10_000).length).toBeLessThanOrEqual(5);
    } finally {
      a.close();
      b.close();
    }
  });

  it('when eight employees are diagnosed at once with Microsoft limits on, no evidence is missing for throttling', async () => {
    const fixture = fixtureCopy();
    fixture.simulation = { ...((fixture.simulation as Record<string, unknown> | undefined) ?? {}), workloadLimits: true };
    const { clock, sleep } = steppedClock();
    const logger = silentLogger();
    const sim = await startSimulator({ fixture, clock, logger });
    try {
      const config = localConfig(sim, {});
      const budget = new BudgetKeeper({ tenantId: config.graph.tenantId, specs: budgetSpecs('S'), store: new DocumentBucketStore(openSqliteStore(join(mkdtempSync(join(tmpdir(), 'budget-')), 's.sqlite'), { clock })), clock, sleep });
      const gateway = createGraphGateway(config, { clock, logger, sleep, budget });
      const ids = ['b0000000-0000-0000-0000-000000000001', 'b0000000-0000-0000-0000-000000000002', 'b0000000-0000-0000-0000-000000000003', 'b0000000-0000-0000-0000-000000000004'];

      const results = await Promise.all([...ids, ...ids].map((id) => gateway.gatherFacts(id, { now: new Date(NOW) })));

      expect(results.flatMap((r) => r.facts.gaps).filter((g) => g.status === 429)).toEqual([]);
      expect(results.flatMap((r) => r.facts.gaps.filter((g) => g.source === 'signIns' || g.source === 'conditionalAccess' || g.source === 'namedLocations'))).toEqual([]);
      expect(budget.binding()).toBeDefined();
    } finally {
      await sim.close();
    }
  });
});
