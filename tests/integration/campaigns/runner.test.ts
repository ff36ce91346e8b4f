import { createWorld, campaignInput, receivedPerUser, type World } from './support/harness';
import { syntheticUserId } from '../../../src/simulator/connector/syntheticTenant';

describe('campaign runner against the connector stand-in', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it('when a campaign runs, every target gets exactly one nudge, guests/disabled/excluded/registered are left out, and the budget holds in every 1 s window', async () => {
    world = await createWorld({
      tenant: { size: 120, guestEvery: 10, disabledEvery: 15, excludedEvery: 20, registeredEvery: 25 },
      connector: { globalRps: 20, preinstalled: true },
      knownConversations: () => true,
    });
    const w = world;
    const campaign = await w.service.create(campaignInput({ ratePerSecond: 20, headroom: 1, concurrency: 8, pageSize: 25 }));

    await w.service.start(campaign.id);
    const outcome = await w.service.running(campaign.id);

    expect(outcome).toBe('completed');
    const expected = Array.from({ length: 120 }, (_, i) => i).filter((i) => i % 10 !== 9 && i % 15 !== 14 && i % 20 !== 19 && i % 25 !== 24);
    expect(campaign.preview?.targets).toBe(expected.length);
    const got = receivedPerUser(w);
    expect(got.size).toBe(expected.length);
    for (const i of expected) expect(got.get(syntheticUserId(i))).toBe(1);
    const sends = w.standIn.state.requestLog.filter((r) => r.op === 'send');
    expect(sends.every((r) => r.status === 201)).toBe(true);
    for (let i = 20; i < sends.length; i += 1) expect((sends[i]?.at ?? 0) - (sends[i - 20]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    const seconds = ((sends[sends.length - 1]?.at ?? 0) - (sends[0]?.at ?? 0)) / 1000;
    expect((sends.length - 1) / seconds).toBeGreaterThan(19);
    const report = await w.service.report(campaign.id);
    expect(report).toMatchObject({ status: 'completed', targeted: expected.length, sent: expected.length, failures: [] });
    expect(report.byState.sent).toBe(expected.length);
  });

  it('when the connector answers 429 with Retry-After, every worker waits it out (shared slow-down) and nobody is skipped or nudged twice', async () => {
    world = await createWorld({
      tenant: { size: 80 },
      connector: { globalRps: 50, preinstalled: true, failures: [] },
      knownConversations: () => true,
    });
    const w = world;
    const campaign = await w.service.create(campaignInput({ ratePerSecond: 50, concurrency: 16 }));
    w.standIn.injectFailure({ op: 'send', userId: syntheticUserId(30), status: 429, retryAfterSeconds: 4, times: 1 });

    await w.service.start(campaign.id);
    expect(await w.service.running(campaign.id)).toBe('completed');

    const log = w.standIn.state.requestLog;
    const throttled = log.find((r) => r.status === 429);
    expect(throttled).toBeDefined();
    const t0 = throttled?.at ?? 0;
    const after = log.filter((r) => r.at > t0);
    expect(after.length).toBeGreaterThan(0);
    // No sender sent anything in the 4 s after the 429 (only responses already in flight at t0 share its instant).
    expect(after.every((r) => r.at >= t0 + 4000)).toBe(true);
    const got = receivedPerUser(w);
    expect(got.size).toBe(80);
    expect([...got.values()].every((n) => n === 1)).toBe(true);
  });
});
