/**
 * The follower design against the simulator over HTTP with the real Graph client, Microsoft's
 * workload limits on, the follower tables in a SQLite file and an injected clock and timer.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiagnoseResponseSchema } from '../../../src/backend/api';
import { startTenantGraph, type TenantGraph } from '../../../src/backend/followers/tenantGraph';
import type { Timer } from '../../../src/backend/followers/scheduler';
import { createGraphGateway } from '../../../src/backend/graph/directoryGateway';
import { createDiagnoseService } from '../../../src/backend/services/diagnoseService';
import { budgetSpecs, MemoryBucketStore, virtualBudgetKeeper } from '../../../src/backend/budget';
import { localConfig } from '../../../src/cli/localTenant';
import type { Config } from '../../../src/config';
import { diagnose } from '../../../src/diagnosis';
import { FixedClock } from '../../../src/shared/clock';
import { silentLogger } from '../../../src/shared/logger';
import { startSimulator, type RunningSimulator } from '../../../src/simulator';
import { openSqliteStore, type SqliteStore } from '../../../src/storage/sqlite/sqliteStore';
import { ALICE, BOB, NOW, smallFixture } from '../backend/harness';

/** A timer that never fires by itself: each follower runs once at start, then only when a test says. */
const manualTimer: Timer = { set: () => 0, clear: () => undefined };

interface Setup {
  sim: RunningSimulator;
  clock: FixedClock;
  config: Config;
  store: SqliteStore;
  tenant: TenantGraph;
  sleep: (ms: number) => Promise<void>;
  close(): Promise<void>;
}

async function setup(): Promise<Setup> {
  const clock = new FixedClock(NOW);
  const sleep = async (ms: number) => {
    const wake = clock.now().getTime() + ms;
    await new Promise((r) => setImmediate(r));
    if (clock.now().getTime() < wake) clock.set(new Date(wake));
  };
  const logger = silentLogger();
  const fixture = smallFixture();
  fixture.simulation = { ...((fixture.simulation as Record<string, unknown> | undefined) ?? {}), workloadLimits: true };
  const sim = await startSimulator({ fixture, clock, logger });
  const config = localConfig(sim, {});
  const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'followers-')), 'assistant.sqlite'), { clock });
  const tenant = startTenantGraph(config, { clock, logger, store: store.followers(), timer: manualTimer, sleep });
  return {
    sim,
    clock,
    config,
    store,
    tenant,
    sleep,
    async close() {
      await tenant.stop();
      store.close();
      await sim.close();
    },
  };
}

const service = (s: Setup, gateway = s.tenant.gateway) =>
  createDiagnoseService({ gateway, diagnose, clock: s.clock, config: { ...s.config, backend: { allowTimeTravel: false } }, logger: silentLogger() });

describe('tenant-wide followers', () => {
  let s: Setup;
  beforeEach(async () => {
    s = await setup();
  });
  afterEach(async () => {
    await s.close();
  });

  it('when an employee is diagnosed, Graph is called only for the user, methods, devices and memberships, and the first finding matches the per-employee design', async () => {
    await service(s).diagnose({ user: BOB.upn }); // first reads of every follower
    const before = { ...s.sim.stats().byPath };

    const follow = DiagnoseResponseSchema.parse(await service(s).diagnose({ user: ALICE.upn }));

    const paths = Object.entries(s.sim.stats().byPath).filter(([k, n]) => n !== (before[k] ?? 0)).map(([k]) => k).sort();
    expect(paths).toEqual(['GET /users/{user}', 'GET /users/{user}/authentication/{collection}', 'GET /users/{user}/ownedDevices', 'GET /users/{user}/registeredDevices', 'GET /users/{user}/transitiveMemberOf']);
    const perEmployee = createGraphGateway(s.config, { clock: s.clock, logger: silentLogger(), sleep: s.sleep, budget: virtualBudgetKeeper(s.config.graph.tenantId, budgetSpecs(), new MemoryBucketStore()) });
    const today = await service(s, perEmployee).diagnose({ user: ALICE.upn });
    expect(follow.findings[0]?.code).toBe(today.findings[0]?.code);
    expect(follow.findings.map((f) => f.code)).toContain('CA_BLOCKS_REGISTRATION');
    expect(follow.gaps).toEqual([]);
    expect(follow.pending).toEqual([]);
    expect(follow.evidence?.find((e) => e.source === 'signIns')).toMatchObject({ state: 'fresh', ageSeconds: expect.any(Number) });
  });

  it('when the sign-in follower has not read for a minute, the response says sign-ins are stale and how old they are', async () => {
    await service(s).diagnose({ user: BOB.upn });
    s.clock.advance(60_000);

    const r = await service(s).diagnose({ user: ALICE.upn });

    const signIns = r.evidence?.find((e) => e.source === 'signIns');
    expect(signIns?.state).toBe('stale');
    expect(signIns?.ageSeconds).toBeGreaterThanOrEqual(60);
  });

  it('the sign-in follower reads the whole tenant with one request and moves its watermark; records are kept once by id', async () => {
    await s.tenant.followers.runNow('signIns');
    const first = s.sim.stats().byPath['GET /auditLogs/signIns'] ?? 0;
    const mark = (await s.store.followers().progress('signIns'))?.watermark;
    const count = async () => (await s.store.followers().eventsOf('signIns', ALICE.id, 0)).length;
    const aliceBefore = await count();

    s.clock.advance(5_000);
    await s.tenant.followers.runNow('signIns');

    expect(first).toBe(1);
    expect(s.sim.stats().byPath['GET /auditLogs/signIns']).toBe(2);
    expect(mark).toBeDefined();
    expect(await count()).toBe(aliceBefore);
    expect(aliceBefore).toBeGreaterThan(0);
  });

  it('campaign results come from the registration snapshot: no Graph request per recipient', async () => {
    await s.tenant.followers.runNow('registration');
    const before = s.sim.stats().requests;

    const states = await s.tenant.gateway.campaigns?.registration([ALICE.id, BOB.id]);

    expect(s.sim.stats().requests).toBe(before);
    expect(states?.map((x) => x.id)).toEqual([ALICE.id, BOB.id]);
  });
});
