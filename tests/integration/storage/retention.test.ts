/**
 * The bot's working records do not grow forever (src/bot/retention.ts), on a real SQLite file:
 * what is past its use goes, what is still needed (or changed meanwhile) stays.
 */
import { join } from 'node:path';
import { INVOKE_WORK } from '../../../src/bot/deferred/ledger';
import { ESCALATION_COLLECTION } from '../../../src/bot/escalation';
import { FILED_COLLECTION } from '../../../src/bot/helpdesk/escalate';
import { PENDING_POSTS } from '../../../src/bot/helpdesk/postRetry';
import { sweepRetention } from '../../../src/bot/retention';
import { FixedClock } from '../../../src/shared/clock';
import { silentLogger } from '../../../src/shared/logger';
import { openSqliteStore, type SqliteStore } from '../../../src/storage';
import { tempDir } from './support/tempDir';

const NOW = '2026-12-02T12:00:00.000Z';
const ago = (ms: number) => new Date(Date.parse(NOW) - ms).toISOString();
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

describe('retention of the bot\'s working records', () => {
  let store: SqliteStore;
  let tmp: ReturnType<typeof tempDir>;
  const clock = new FixedClock(NOW);
  const audited: Array<{ action: string; details: Record<string, unknown> }> = [];
  const deps = () => ({ store, clock, log: silentLogger(), audit: async (r: { action: string; details: Record<string, unknown> }) => void audited.push(r) });
  const policy = { recordDays: 30, resendWindowMs: 60_000 };

  beforeEach(() => {
    tmp = tempDir();
    store = openSqliteStore(join(tmp.dir, 'bot.sqlite'), { clock });
    audited.length = 0;
  });
  afterEach(() => {
    store.close();
    tmp.remove();
  });

  it('the invoke ledger keeps what a re-sent press may still need and drops the rest an hour later', async () => {
    await store.put(INVOKE_WORK, 'answered-2h', { state: 'answered', verb: 'checkAccount', startedAt: ago(120 * MIN), finishedAt: ago(120 * MIN), leaseUntil: ago(118 * MIN) });
    await store.put(INVOKE_WORK, 'done-10m', { state: 'done', verb: 'checkAccount', startedAt: ago(10 * MIN), finishedAt: ago(10 * MIN), leaseUntil: ago(8 * MIN), card: { type: 'AdaptiveCard' } });
    await store.put(INVOKE_WORK, 'running-lease-live', { state: 'running', verb: 'tapApprove', startedAt: ago(1 * MIN), leaseUntil: ago(-1 * MIN) });
    await store.put(INVOKE_WORK, 'running-abandoned', { state: 'running', verb: 'tapApprove', startedAt: ago(3 * 60 * MIN), leaseUntil: ago(3 * 60 * MIN - 2 * MIN) });

    const report = await sweepRetention(deps(), policy);

    expect(report.deleted[INVOKE_WORK]).toBe(2);
    expect((await store.list(INVOKE_WORK)).map((i) => i.key).sort()).toEqual(['done-10m', 'running-lease-live']);
  });

  it('escalation wishes and filed markers go after the retention period; younger ones stay', async () => {
    await store.put(ESCALATION_COLLECTION, 'c1|f1', { requestedAt: ago(31 * DAY), reference: 'R1', status: 'requested' });
    await store.put(ESCALATION_COLLECTION, 'c2|f2', { requestedAt: ago(29 * DAY), reference: 'R2', status: 'requested' });
    await store.put(FILED_COLLECTION, 'R1', { at: ago(31 * DAY) });
    await store.put(FILED_COLLECTION, 'R2', { at: ago(2 * DAY) });

    const report = await sweepRetention(deps(), policy);

    expect(report.deleted).toEqual({ [ESCALATION_COLLECTION]: 1, [FILED_COLLECTION]: 1 });
    expect((await store.list(ESCALATION_COLLECTION)).map((i) => i.key)).toEqual(['c2|f2']);
    expect((await store.list(FILED_COLLECTION)).map((i) => i.key)).toEqual(['R2']);
  });

  it('a helpdesk post still failing after the retention period is given up and audited; a recent one keeps being retried', async () => {
    await store.put(PENDING_POSTS, 'ticket:T1', { kind: 'ticket', id: 'T1', attempts: 300, firstFailedAt: ago(31 * DAY), nextAt: ago(0), lastError: 'no channel' });
    await store.put(PENDING_POSTS, 'request:R9', { kind: 'request', id: 'R9', attempts: 2, firstFailedAt: ago(5 * MIN), nextAt: ago(0), lastError: '502' });

    const report = await sweepRetention(deps(), policy);

    expect(report.abandonedPosts).toBe(1);
    expect(audited).toEqual([{ action: 'helpdesk.post_abandoned', actor: 'system', details: { kind: 'ticket', id: 'T1', attempts: 300, firstFailedAt: ago(31 * DAY) } }]);
    expect((await store.list(PENDING_POSTS)).map((i) => i.key)).toEqual(['request:R9']);
  });

  it('deletes at most maxPerRun records a run; the next run continues', async () => {
    for (let i = 0; i < 250; i++) await store.put(FILED_COLLECTION, `R${String(i).padStart(3, '0')}`, { at: ago(40 * DAY) });

    expect((await sweepRetention(deps(), { ...policy, maxPerRun: 200 })).deleted[FILED_COLLECTION]).toBe(200);
    expect((await sweepRetention(deps(), { ...policy, maxPerRun: 200 })).deleted[FILED_COLLECTION]).toBe(50);
    expect(await store.list(FILED_COLLECTION)).toHaveLength(0);
  });

  it('a record without a readable time is kept (never deleted on a guess)', async () => {
    await store.put(ESCALATION_COLLECTION, 'odd', { reference: 'R0' });
    await sweepRetention(deps(), policy);
    expect(await store.list(ESCALATION_COLLECTION)).toHaveLength(1);
  });
});
