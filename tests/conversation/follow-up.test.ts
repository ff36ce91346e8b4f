/**
 * "Did it stay fixed?" end to end in the bot: "It worked" schedules the question, the question is
 * the follow-up card in the employee's chat a day later, and the answer is recorded once, with the
 * registration Graph confirmed, and read back by the insights.
 */
import { createCardRenderer } from '../../src/cards/renderCard';
import { renderFollowUpCard } from '../../src/cards/followUpCard';
import { en } from '../../src/i18n/en';
import { computeInsights } from '../../src/insights/compute';
import { createFollowUps, type FollowUps } from '../../src/insights/followUp';
import { FixedClock } from '../../src/shared/clock';
import { createLogger } from '../../src/shared/logger';
import { cardFrom, pressOn, type Card } from './cards';
import { CA_BLOCK } from './fixtures';
import { USER, createHarness, tempSqlite, type Harness } from './harness';

describe('"Did it stay fixed?" in the conversation', () => {
  let h: Harness;
  let sqlite: ReturnType<typeof tempSqlite>;
  let followUps: FollowUps;
  const clock = new FixedClock('2026-11-26T09:00:00Z');
  const asked: Card[] = [];
  beforeEach(() => {
    sqlite = tempSqlite();
    const cards = { renderer: createCardRenderer(), strings: en };
    followUps = createFollowUps({
      store: sqlite.store,
      audit: sqlite.store,
      clock,
      logger: createLogger({ level: 'silent' }),
      hours: 24,
      ports: { registered: async () => true, ask: async (f) => void asked.push(renderFollowUpCard(cards, { flowId: f.flowId, fixedAt: f.fixedAt }) as Card) },
    });
    h = createHarness({ store: sqlite.store, deps: { audit: sqlite.store, followUps } });
    h.backend.findings = [CA_BLOCK];
  });
  afterEach(() => sqlite.store.close());

  it('a day after "It worked" the employee is asked once; "Yes" is recorded with the registration confirmed', async () => {
    const welcome = cardFrom((await h.install())[0]);
    const link = cardFrom((await pressOn(h, welcome, 'chooseMethod', (a) => a.title === 'Authenticator app'))[0]);
    await pressOn(h, cardFrom((await pressOn(h, link, 'skipCheck'))[0]), 'itWorked');

    expect(await followUps.runDue()).toBe(0);
    clock.advance(24 * 3_600_000);
    expect(await followUps.runDue()).toBe(1);
    expect(asked).toHaveLength(1);

    const answer = cardFrom((await pressOn(h, asked[0] as Card, 'followUpAnswer', (a) => (a.data as { answer?: string }).answer === 'stayed_fixed'))[0]);
    expect(JSON.stringify(answer)).toContain(en.followUp.thanksYesRegistered);
    const again = cardFrom((await pressOn(h, asked[0] as Card, 'followUpAnswer', (a) => (a.data as { answer?: string }).answer === 'broke_again'))[0]);
    expect(JSON.stringify(again)).toContain(en.followUp.already);

    const records = await sqlite.store.query({ limit: 100 });
    expect(records.filter((r) => r.action === 'flow.follow_up')).toEqual([expect.objectContaining({ actor: USER, details: expect.objectContaining({ answer: 'stayed_fixed', registered: true }) })]);
    expect(computeInsights(records, { now: clock.now() }).stayedFixed).toMatchObject({ asked: 1, stayed: 1, registrationConfirmed: 1, rate: 1 });
  });
});
