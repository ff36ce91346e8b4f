/**
 * "Did it stay fixed?" over a real SQLite store and an injected clock: asked once when due (never
 * before, never twice, not by two instances), answered once by the employee only, registration
 * confirmed at both moments, and the insights read the stayed-fixed rate from the trail.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeInsights } from '../../../src/insights/compute';
import { createFollowUps, type FollowUp, type FollowUpPorts } from '../../../src/insights/followUp';
import { FixedClock } from '../../../src/shared/clock';
import { createLogger } from '../../../src/shared/logger';
import { openSqliteStore, type SqliteStore } from '../../../src/storage';

const HOUR = 3_600_000;

describe('"Did it stay fixed?" follow-ups', () => {
  let dir: string;
  let store: SqliteStore;
  let clock: FixedClock;
  let asked: FollowUp[];
  let registered: boolean | undefined;
  let failSend: boolean;
  const ports: FollowUpPorts = {
    registered: async () => registered,
    ask: async (f) => {
      if (failSend) throw new Error('connector timeout');
      asked.push(f);
    },
  };
  const make = (hours = 24) => createFollowUps({ store, audit: store, clock, logger: createLogger({ level: 'silent' }), hours, ports });
  const fixed = { user: 'u1', tenantId: 't1', conversationId: 'a:1' };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mfa-followup-'));
    clock = new FixedClock('2026-11-30T10:00:00Z');
    store = openSqliteStore(join(dir, 's.sqlite'), { clock });
    asked = [];
    registered = true;
    failSend = false;
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is asked once when due, not before, and not again by a second instance; the question records what Graph said', async () => {
    const a = make();
    const b = make();
    await a.schedule({ flowId: 'f1', ...fixed });
    await a.schedule({ flowId: 'f1', ...fixed }); // the same rescue again: still one follow-up

    clock.advance(23 * HOUR);
    expect(await a.runDue()).toBe(0);
    clock.advance(HOUR);
    const [n1, n2] = await Promise.all([a.runDue(), b.runDue()]);

    expect(n1 + n2).toBe(1);
    expect(asked).toEqual([expect.objectContaining({ flowId: 'f1', user: 'u1', fixedAt: '2026-11-30T10:00:00.000Z', state: 'asked' })]);
    expect(await a.runDue()).toBe(0);
    expect(await store.query({ action: 'flow.follow_up_asked' })).toEqual([expect.objectContaining({ subject: 'u1', details: expect.objectContaining({ flowId: 'f1', registered: true }) })]);
  });

  it('the answer counts once and only from the employee, with registration confirmed again at that moment', async () => {
    const f = make();
    await f.schedule({ flowId: 'f1', ...fixed });
    expect(await f.answer('f1', 'u1', 'stayed_fixed')).toEqual({ ok: false, why: 'unknown' }); // not asked yet
    clock.advance(24 * HOUR);
    await f.runDue();
    registered = false;

    expect(await f.answer('f1', 'someone-else', 'broke_again')).toEqual({ ok: false, why: 'foreign' });
    expect(await f.answer('f1', 'u1', 'broke_again')).toEqual({ ok: true, fixedAt: '2026-11-30T10:00:00.000Z', registered: false });
    expect(await f.answer('f1', 'u1', 'stayed_fixed')).toMatchObject({ ok: false, why: 'already' });
    expect(await store.query({ action: 'flow.follow_up' })).toEqual([expect.objectContaining({ actor: 'u1', details: expect.objectContaining({ answer: 'broke_again', registered: false }) })]);
  });

  it('a question that could not be sent is not sent again (the connector cannot say whether it arrived)', async () => {
    const f = make();
    await f.schedule({ flowId: 'f1', ...fixed });
    clock.advance(24 * HOUR);
    failSend = true;
    expect(await f.runDue()).toBe(0);
    failSend = false;
    clock.advance(HOUR);
    expect(await f.runDue()).toBe(0);
    expect(asked).toEqual([]);
    expect(await store.query({ action: 'flow.follow_up_asked' })).toEqual([]);
  });

  it('with FOLLOW_UP_HOURS=0 nothing is scheduled', async () => {
    const f = make(0);
    await f.schedule({ flowId: 'f1', ...fixed });
    clock.advance(1000 * HOUR);
    expect(await f.runDue()).toBe(0);
  });

  it('the insights report the stayed-fixed rate from these records', async () => {
    const f = make();
    for (const [flowId, user] of [['f1', 'u1'], ['f2', 'u2'], ['f3', 'u3']] as const) {
      await store.append({ at: clock.now().toISOString(), action: 'flow.diagnosed', actor: user, subject: user, details: { flowId, codes: ['X'], startedAt: clock.now().toISOString() } });
      await f.schedule({ flowId, ...fixed, user });
    }
    clock.advance(24 * HOUR);
    await f.runDue();
    await f.answer('f1', 'u1', 'stayed_fixed');
    await f.answer('f2', 'u2', 'stayed_fixed');
    registered = false;
    await f.answer('f3', 'u3', 'broke_again');

    const insights = computeInsights(await store.query({ limit: 1000 }), { now: clock.now() });
    expect(insights.stayedFixed).toMatchObject({ asked: 3, answered: 3, stayed: 2, brokeAgain: 1, rate: 0.667 });
  });
});
