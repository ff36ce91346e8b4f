import { createWorld, campaignInput, receivedPerUser, START, type World } from './support/harness';
import { syntheticUserId } from '../../../src/simulator/connector/syntheticTenant';
import { conversationIdFor } from '../../../src/simulator/connector/state';
import { RecipientRepo } from '../../../src/campaigns/recipients';
import { RunLease } from '../../../src/campaigns/lease';
import { CAMPAIGNS, nudgeKey } from '../../../src/campaigns/model';
import type { CampaignService } from '../../../src/campaigns/service';
import type { NudgeSender } from '../../../src/campaigns/ports';

const u = syntheticUserId;

/** Calls `act` once, right after the n-th successful send. */
function afterSends(n: number, act: () => void): (s: NudgeSender) => NudgeSender {
  let sends = 0;
  return (s) => ({
    ...s,
    send: async (c, nudge, key) => {
      const r = await s.send(c, nudge, key);
      if (++sends === n) act();
      return r;
    },
  });
}

describe('campaign lifecycle', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it('when paused mid-campaign and resumed, it stops sending while paused and then finishes without a duplicate or a gap', async () => {
    const ref: { service?: CampaignService; id: string } = { id: '' };
    world = await createWorld({
      tenant: { size: 60 },
      connector: { preinstalled: true },
      knownConversations: () => true,
      wrapSender: afterSends(20, () => void ref.service?.pause(ref.id)),
    });
    const w = world;
    ref.service = w.service;
    const id = (ref.id = (await w.service.create(campaignInput({ concurrency: 4 }))).id);

    await w.service.start(id);
    expect(await w.service.running(id)).toBe('paused');
    const whilePaused = w.standIn.state.activities;
    const progress = await w.service.progress(id);

    expect(whilePaused).toBeGreaterThanOrEqual(20);
    expect(whilePaused).toBeLessThan(60);
    expect(progress).toMatchObject({ status: 'paused', sent: whilePaused, remaining: 60 - whilePaused });
    await w.service.resume(id);
    expect(await w.service.running(id)).toBe('completed');
    const got = receivedPerUser(w);
    expect(got.size).toBe(60);
    expect([...got.values()].every((n) => n === 1)).toBe(true);
  });

  it('when cancelled, no further nudges go out and the report shows who was never nudged', async () => {
    const ref: { service?: CampaignService; id: string } = { id: '' };
    world = await createWorld({
      tenant: { size: 40 },
      connector: { preinstalled: true },
      knownConversations: () => true,
      wrapSender: afterSends(10, () => void ref.service?.cancel(ref.id)),
    });
    const w = world;
    ref.service = w.service;
    const id = (ref.id = (await w.service.create(campaignInput({ concurrency: 2 }))).id);

    await w.service.start(id);
    expect(await w.service.running(id)).toBe('cancelled');
    const sent = w.standIn.state.activities;
    await expect(w.service.resume(id)).rejects.toMatchObject({ kind: 'conflict' });

    const report = await w.service.report(id);
    expect(report.status).toBe('cancelled');
    expect(report.sent).toBe(sent);
    expect(report.byState.pending).toBe(report.targeted - sent);
    expect(w.standIn.state.activities).toBe(sent);
  });

  it('when a runner holds the lease, a second runner refuses; after the lease expires it takes over and the first one loses', async () => {
    world = await createWorld({ tenant: { size: 1 } });
    const w = world;

    const first = await RunLease.acquire(w.store, w.time.clock, 'c9', 'runner-a', 30000);
    await expect(RunLease.acquire(w.store, w.time.clock, 'c9', 'runner-b', 30000)).rejects.toMatchObject({ kind: 'conflict' });
    await w.time.sleep(30001);
    const second = await RunLease.acquire(w.store, w.time.clock, 'c9', 'runner-b', 30000);

    await expect(first.write((r) => r)).rejects.toThrow(/taken over/);
    await expect(second.write((r) => r)).resolves.toBeUndefined();
  });

  it('when a previous run died while sending, the record is resolved by asking the connector: delivered ones are not sent again, undelivered ones once', async () => {
    world = await createWorld({ tenant: { size: 3 }, connector: { preinstalled: true }, knownConversations: () => true });
    const w = world;
    const campaign = await w.service.create(campaignInput());
    const repo = new RecipientRepo(w.store);
    const base = { campaignId: campaign.id, round: 1, installed: false, attempts: 1, snoozes: 0, updatedAt: START };
    // User 0: the crashed run's send reached Teams. User 1: it did not.
    for (const i of [0, 1]) await repo.create({ ...base, userId: u(i), state: 'sending', conversationId: conversationIdFor(u(i)) });
    await w.sender.send(conversationIdFor(u(0)), { campaignId: campaign.id, userId: u(0), round: 1, snoozesLeft: 2 }, nudgeKey(campaign.id, u(0), 1));
    const sendsBefore = w.standIn.state.requestLog.filter((r) => r.op === 'send').length;

    await w.service.start(campaign.id);
    expect(await w.service.running(campaign.id)).toBe('completed');

    const log = w.standIn.state.requestLog;
    expect(log.filter((r) => r.op === 'send' && r.userId === u(0))).toHaveLength(sendsBefore);
    expect(log.filter((r) => r.op === 'lookup').map((r) => r.userId).sort()).toEqual([u(0), u(1)]);
    expect([...receivedPerUser(w).entries()].sort()).toEqual([[u(0), 1], [u(1), 1], [u(2), 1]]);
    expect((await w.service.report(campaign.id)).sent).toBe(3);
  });

  it('when it is daytime in each employee\'s time zone, quiet hours do not hold the nudges back', async () => {
    world = await createWorld({
      tenant: { size: 2, timeZone: (i) => (i === 0 ? 'Asia/Tokyo' : 'Europe/London') },
      connector: { preinstalled: true },
      knownConversations: () => true,
    });
    const w = world;
    const campaign = await w.service.create(campaignInput({ quietHours: { startHour: 20, endHour: 8 } }));

    await w.service.start(campaign.id);
    expect(await w.service.running(campaign.id)).toBe('completed');

    const sends = w.standIn.state.requestLog.filter((r) => r.op === 'send');
    expect(sends).toHaveLength(2);
    // 10:00 UTC is 19:00 in Tokyo (not quiet) and 10:00 in London: both go at once.
    expect(sends.every((s) => s.at < Date.parse(START) + 60000)).toBe(true);
  });

  it('when an employee is in quiet hours, the nudge is deferred to 08:00 local and the campaign completes after sending it', async () => {
    world = await createWorld({
      tenant: { size: 2, timeZone: (i) => (i === 0 ? 'Pacific/Auckland' : undefined) },
      connector: { preinstalled: true },
      knownConversations: () => true,
      heartbeatMs: 60000,
    });
    const w = world;
    const campaign = await w.service.create(campaignInput({ quietHours: { startHour: 20, endHour: 8 } }));

    await w.service.start(campaign.id); // 10:00 UTC = 23:00 in Auckland (UTC+13 in January)
    expect(await w.service.running(campaign.id)).toBe('completed');

    const sends = w.standIn.state.requestLog.filter((r) => r.op === 'send');
    const auckland = sends.find((s) => s.userId === u(0));
    expect(new Date(auckland?.at ?? 0).toISOString()).toBe('2026-01-05T19:00:00.000Z'); // 08:00 NZDT
    expect(sends.find((s) => s.userId === u(1))?.at).toBeLessThan(Date.parse(START) + 60000);
    expect((await w.service.progress(campaign.id)).deferred).toBe(0);
  });

  it('when an employee taps "Remind me tomorrow", one reminder goes out a day later, and not after the snoozes run out', async () => {
    world = await createWorld({ tenant: { size: 1 }, connector: { preinstalled: true }, knownConversations: () => true, heartbeatMs: 60000 });
    const w = world;
    const campaign = await w.service.create(campaignInput({ maxSnoozes: 1 }));
    await w.service.start(campaign.id);
    await w.service.running(campaign.id);

    const first = await w.service.answer(campaign.id, u(0), 'snooze');
    expect(first.remindAt).toBe(new Date(w.time.ms + 24 * 3600 * 1000).toISOString());
    expect(await w.service.running(campaign.id)).toBe('completed');
    const second = await w.service.answer(campaign.id, u(0), 'snooze');

    expect(second.remindAt).toBeUndefined();
    const list = w.standIn.state.conversations.get(conversationIdFor(u(0))) ?? [];
    expect(list.map((a) => a.clientActivityId)).toEqual([nudgeKey(campaign.id, u(0), 1), nudgeKey(campaign.id, u(0), 2)]);
    expect(Date.parse(list[1]?.at ?? '') - Date.parse(list[0]?.at ?? '')).toBeGreaterThanOrEqual(24 * 3600 * 1000);
    const report = await w.service.report(campaign.id);
    expect(report.responses.snooze).toBe(1);
    expect(report.sent).toBe(1);
  });

  it('results: counts nudged employees who registered within N days against those not nudged', async () => {
    world = await createWorld({
      tenant: { size: 10 },
      connector: { preinstalled: true, appNotAllowed: [u(9)] },
    });
    const w = world;
    const campaign = await w.service.create(campaignInput());
    await w.service.start(campaign.id);
    await w.service.running(campaign.id);
    const day = 24 * 3600 * 1000;
    w.tenant.registrations.set(u(0), new Date(w.time.ms + 2 * day).toISOString());
    w.tenant.registrations.set(u(1), new Date(w.time.ms + 10 * day).toISOString());
    w.tenant.registrations.set(u(9), new Date(w.time.ms + 1 * day).toISOString());

    const results = await w.service.results(campaign.id, 7);

    expect(results.nudged).toEqual({ total: 9, registered: 2, registeredWithinDays: 1, registeredTimingUnknown: 0, rate: 1 / 9 });
    expect(results.notNudged).toEqual({ total: 1, registered: 1, rate: 1 });
  });

  it('while running, progress reports rate and ETA from the runner\'s snapshot', async () => {
    const ref: { service?: CampaignService; id: string } = { id: '' };
    let seen: Awaited<ReturnType<CampaignService['progress']>> | undefined;
    world = await createWorld({
      tenant: { size: 400 },
      connector: { preinstalled: true, globalRps: 20 },
      knownConversations: () => true,
      wrapSender: afterSends(300, () => void ref.service?.progress(ref.id).then((p) => (seen = p))),
    });
    const w = world;
    ref.service = w.service;
    const id = (ref.id = (await w.service.create(campaignInput({ ratePerSecond: 20, headroom: 1 }))).id);

    await w.service.start(id);
    await w.service.running(id);

    expect(seen?.status).toBe('running');
    expect(seen?.ratePerSecond).toBeGreaterThan(18);
    expect(seen?.ratePerSecond).toBeLessThanOrEqual(20.5);
    expect(seen?.etaSeconds).toBeGreaterThan(3);
    expect(seen?.etaSeconds).toBeLessThan(8);
    const stored = await w.store.get<{ status: string }>(CAMPAIGNS, id);
    expect(stored?.value.status).toBe('completed');
  });
});
