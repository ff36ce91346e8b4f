/**
 * The employee's nudge card: "Set it up now" starts the guided flow, "I'm stuck" goes straight to
 * the diagnosis, "Remind me tomorrow" brings the nudge back a day later, a limited number of times.
 */
import { renderNudgeCard } from '../../src/cards/nudgeCard';
import { RecipientRepo } from '../../src/campaigns/recipients';
import { actions, allText, texts } from './cards';
import { MFA_NOT_DONE } from './fixtures';
import { ALICE, BOB, createChatWorld, type ChatWorld } from '../integration/campaigns-wired/support/chatWorld';

describe("an employee's nudge card", () => {
  let w: ChatWorld;
  let campaignId: string;
  beforeEach(async () => {
    w = await createChatWorld();
    const c = await w.kit.service.create({ tenantId: w.kit.tenantId, name: 'nudge', audience: { kind: 'notRegistered' }, settings: { quietHours: null }, createdBy: 'aad-hank' });
    campaignId = c.id;
    await w.kit.service.start(c.id);
    await w.kit.service.running(c.id);
  });
  afterEach(() => w.close());

  const nudgeOf = (userId: string) => {
    const n = w.sender.nudges.filter((x) => x.userId === userId).pop();
    if (!n) throw new Error(`no nudge for ${userId}`);
    return n;
  };
  const recipient = async (userId: string) => (await new RecipientRepo(w.h.store).get(campaignId, userId))?.value;

  it('the card says why, and offers set up (primary), stuck and a reminder', () => {
    const n = nudgeOf(ALICE.aad);
    const card = renderNudgeCard(w.kit.cardContext, n);

    expect(texts(card)[0]).toBe('Please set up your sign-in security (MFA)');
    expect(actions(card).map((a) => [a.verb, a.style])).toEqual([
      ['nudgeSetup', 'positive'],
      ['nudgeStuck', undefined],
      ['nudgeSnooze', undefined],
    ]);
  });

  it('"Set it up now" starts the guided flow and records the answer', async () => {
    const card = await w.press(ALICE, 'nudgeSetup', { campaignId, round: 1 });

    expect(allText(card)).toContain("Let's work it out together, one step at a time.");
    expect(actions(card).some((a) => a.verb === 'chooseMethod')).toBe(true);
    expect((await recipient(ALICE.aad))?.response).toBe('setup');
  });

  it('"I\'m stuck" goes straight to the account diagnosis', async () => {
    w.backend.findings = [MFA_NOT_DONE];

    const card = await w.press(ALICE, 'nudgeStuck', { campaignId, round: 1 });

    expect(w.backend.diagnoseCalls).toEqual([{ user: ALICE.aad }]);
    // Unanswered prompts could mean a new phone: the one question that tells, then the findings.
    expect(texts(card)[1]).toContain('Did you get a new phone or lose the old one?');
    const same = actions(card).find((a) => a.data?.answer === 'same');
    const findings = await w.press(ALICE, 'clarify', same?.data ?? {});
    expect(allText(findings)).toContain(MFA_NOT_DONE.title);
    expect((await recipient(ALICE.aad))?.response).toBe('stuck');
  });

  it('"Remind me tomorrow" brings the nudge back a day later, twice at most, then only set up / stuck remain', async () => {
    const first = await w.press(ALICE, 'nudgeSnooze', { campaignId, round: 1 });
    expect(texts(first)[0]).toBe('I will remind you');
    expect(allText(first)).toMatch(/I will remind you at 2026-11-27 09:\d\d UTC/);
    await w.kit.service.running(campaignId);
    expect(nudgeOf(ALICE.aad)).toEqual({ campaignId, userId: ALICE.aad, round: 2, snoozesLeft: 1 });

    await w.press(ALICE, 'nudgeSnooze', { campaignId, round: 2 });
    await w.kit.service.running(campaignId);
    const third = nudgeOf(ALICE.aad);
    expect(third).toEqual({ campaignId, userId: ALICE.aad, round: 3, snoozesLeft: 0 });
    expect(actions(renderNudgeCard(w.kit.cardContext, third)).map((a) => a.verb)).toEqual(['nudgeSetup', 'nudgeStuck']);

    const refused = await w.press(ALICE, 'nudgeSnooze', { campaignId, round: 3 });
    expect(texts(refused)[0]).toBe("Let's do it now");
    expect(actions(refused).map((a) => a.verb)).toEqual(['nudgeSetup', 'nudgeStuck']);
    await w.kit.service.running(campaignId);
    expect(w.sender.nudges.filter((n) => n.userId === ALICE.aad)).toHaveLength(3);
    expect(w.sender.nudges.filter((n) => n.userId === BOB.aad)).toHaveLength(1);
  });

  it('a forwarded card pressed by someone who was not nudged changes nothing', async () => {
    const card = await w.press({ id: '29:eve', aad: 'aad-eve', name: 'Eve' }, 'nudgeSnooze', { campaignId, round: 1 });

    expect(texts(card)[0]).toBe('This reminder is no longer active');
    expect((await recipient(ALICE.aad))?.snoozes).toBe(0);
  });
});
