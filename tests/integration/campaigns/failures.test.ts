import { createWorld, campaignInput, receivedPerUser, type World } from './support/harness';
import { syntheticUserId } from '../../../src/simulator/connector/syntheticTenant';

const u = syntheticUserId;

describe('campaign failures and the install path', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it('when employees have no conversation, the app is installed first; 403s are recorded as final with their reasons and never retried', async () => {
    world = await createWorld({
      tenant: { size: 30 },
      // Users 0-9 have the app; the rest need an install. User 12 may not have the app.
      connector: { globalRps: 50, preinstalled: Array.from({ length: 10 }, (_, i) => u(i)), appNotAllowed: [u(12)] },
    });
    const w = world;
    w.standIn.injectFailure({ op: 'send', userId: u(3), status: 403, code: 'ConversationBlockedByUser' });
    w.standIn.injectFailure({ op: 'create', userId: u(4), status: 403, code: 'BotDisabledByAdmin' });
    w.standIn.injectFailure({ op: 'send', userId: u(5), status: 400, code: 'BadArgument' });
    const campaign = await w.service.create(campaignInput({ concurrency: 4 }));

    await w.service.start(campaign.id);
    expect(await w.service.running(campaign.id)).toBe('completed');

    const report = await w.service.report(campaign.id);
    expect(report.targeted).toBe(30);
    expect(report.sent).toBe(26);
    expect(report.installed).toBe(19); // 10..29 except 12
    expect(report.failures).toEqual([
      { reason: 'blocked_bot', label: 'blocked the bot', count: 1 },
      { reason: 'bot_disabled_by_admin', label: 'bot disabled by the tenant admin', count: 1 },
      { reason: 'app_not_allowed', label: 'app not allowed for this user', count: 1 },
      { reason: 'rejected', label: 'rejected by Teams', count: 1 },
    ]);
    const log = w.standIn.state.requestLog;
    expect(log.filter((r) => r.userId === u(3) && r.op === 'send')).toHaveLength(1);
    expect(log.filter((r) => r.userId === u(12) && r.op === 'install')).toEqual([expect.objectContaining({ status: 403 })]);
    const progress = await w.service.progress(campaign.id);
    expect(progress).toMatchObject({ status: 'completed', targeted: 30, sent: 26, failed: 4, installed: 19, remaining: 0 });
  });

  it('when 412, 502 and 504 come back, the send is retried with backoff and the employee still gets one message', async () => {
    world = await createWorld({ tenant: { size: 5 }, connector: { preinstalled: true }, knownConversations: () => true });
    const w = world;
    for (const status of [412, 502, 504]) w.standIn.injectFailure({ op: 'send', userId: u(2), status, times: 1 });
    const campaign = await w.service.create(campaignInput({ retryBaseMs: 1000 }));

    await w.service.start(campaign.id);
    expect(await w.service.running(campaign.id)).toBe('completed');

    const sends = w.standIn.state.requestLog.filter((r) => r.userId === u(2) && r.op === 'send');
    expect(sends.map((s) => s.status)).toEqual([412, 502, 504, 201]);
    const gaps = sends.slice(1).map((s, i) => s.at - (sends[i]?.at ?? 0));
    expect(gaps).toEqual([750, 1500, 3000]); // equal jitter with random() = 0.5
    expect(receivedPerUser(w).get(u(2))).toBe(1);
  });

  it('when a transient failure never stops, the employee is recorded as retries_exhausted and the rest are nudged', async () => {
    world = await createWorld({ tenant: { size: 5 }, connector: { preinstalled: true }, knownConversations: () => true });
    const w = world;
    w.standIn.injectFailure({ op: 'send', userId: u(1), status: 502 });
    const campaign = await w.service.create(campaignInput({ maxRetries: 2 }));

    await w.service.start(campaign.id);
    expect(await w.service.running(campaign.id)).toBe('completed');

    const report = await w.service.report(campaign.id);
    expect(report.failures).toEqual([expect.objectContaining({ reason: 'retries_exhausted', count: 1 })]);
    expect(report.sent).toBe(4);
  });
});
