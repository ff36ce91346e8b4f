/**
 * Registration campaigns run by approvers in the helpdesk channel: preview counts, start, pause,
 * resume, cancel, progress and results; anyone else is refused (the backend's approver check).
 */
import { refreshOpenCards } from '../../src/bot/campaigns/refresher';
import { action, actions, allText, cardFrom, texts } from './cards';
import { ALICE, BOB, CHANNEL, HANK, MALLORY, createChatWorld, type ChatWorld } from '../integration/campaigns-wired/support/chatWorld';

const facts = (card: Record<string, unknown>) =>
  Object.fromEntries(texts(card).filter((t) => t.includes(': ')).map((t) => [t.slice(0, t.lastIndexOf(': ')), t.slice(t.lastIndexOf(': ') + 2)]));

describe('registration campaigns in the helpdesk channel', () => {
  let w: ChatWorld;
  beforeEach(async () => (w = await createChatWorld()));
  afterEach(() => w.close());

  async function preview() {
    const replies = await w.say(HANK, 'campaign preview');
    return { card: cardFrom(replies[0]), activityId: replies[0]?.id ?? '' };
  }

  it('when someone who is not an approver asks for a preview, it is refused and nothing is created', async () => {
    const replies = await w.say(MALLORY, 'campaign preview');

    expect(replies.map((r) => r.text)).toEqual(['Only members of the helpdesk approvers group can run registration campaigns. Nothing was changed.']);
    expect(await w.kit.cards.latest('11111111-2222-3333-4444-555555555555')).toBeUndefined();
    expect(w.sender.nudges).toHaveLength(0);
  });

  it('a preview counts who will be nudged and who is left out, and nudges nobody', async () => {
    const { card } = await preview();

    expect(texts(card)[0]).toBe('Registration campaign: preview');
    expect(facts(card)).toMatchObject({
      Audience: 'Everyone not registered for MFA',
      'Will be nudged': '2',
      'Left out: guests': '1',
      'Left out: disabled accounts': '1',
      'Left out: excluded group': '1',
      'Left out: already registered': '1',
    });
    expect(actions(card).map((a) => a.verb)).toEqual(['campaignStart', 'campaignCancelAsk']);
    expect(w.sender.nudges).toHaveLength(0);
  });

  it('when an approver starts it, each target is nudged once and the channel card turns into the final report in place', async () => {
    const { card, activityId } = await preview();
    const id = String(action(card, 'campaignStart').data?.campaignId);

    const started = await w.click(HANK, 'campaignStart', { campaignId: id }, activityId);
    expect(texts(started)[0]).toBe('Registration campaign: running');
    await w.kit.service.running(id);

    expect(w.sender.nudges.map((n) => n.userId).sort()).toEqual([ALICE.aad, BOB.aad].sort());
    expect(await refreshOpenCards(w.kit)).toBe(1);
    const puts = w.connector.calls.filter((c) => c.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]?.conversationId).toBe(`${CHANNEL};messageid=1`);
    expect(puts[0]?.activityId).toBe(activityId);
    const report = cardFrom(puts[0]?.body);
    expect(texts(report)[0]).toBe('Registration campaign: report');
    expect(facts(report)).toMatchObject({ Targeted: '2', Nudged: '2', 'Could not be nudged': '0', Remaining: '0' });
    expect(actions(report).map((a) => a.verb)).toEqual(['campaignResults', 'campaignRefresh']);
    expect(await refreshOpenCards(w.kit)).toBe(0);
  });

  it('pause stops new nudges, resume continues without repeating anyone, and progress shows the numbers', async () => {
    const { card, activityId } = await preview();
    const id = String(action(card, 'campaignStart').data?.campaignId);
    w.sender.hold();
    await w.click(HANK, 'campaignStart', { campaignId: id }, activityId);

    const paused = cardFrom((await w.say(HANK, 'campaign pause'))[0]);
    expect(texts(paused)[0]).toBe('Registration campaign: paused');
    expect(actions(paused).map((a) => a.verb)).toEqual(['campaignResume', 'campaignRefresh', 'campaignCancelAsk']);
    w.sender.release();
    expect(await w.kit.service.running(id)).toBe('paused');
    expect((await w.kit.service.get(id)).status).toBe('paused');
    const afterPause = w.sender.nudges.length;
    expect(afterPause).toBeLessThanOrEqual(2);

    const resumed = await w.click(HANK, 'campaignResume', { campaignId: id });
    expect(texts(resumed)[0]).toBe('Registration campaign: running');
    await w.kit.service.running(id);
    expect(w.sender.nudges.map((n) => n.userId).sort()).toEqual([ALICE.aad, BOB.aad].sort());

    const progress = cardFrom((await w.say(HANK, 'campaign progress'))[0]);
    expect(texts(progress)[0]).toBe('Registration campaign: report');
    expect(facts(progress)).toMatchObject({ Targeted: '2', Nudged: '2' });
  });

  it('cancel asks first; once confirmed nobody is nudged and the campaign cannot be started', async () => {
    const { card, activityId } = await preview();
    const id = String(action(card, 'campaignStart').data?.campaignId);

    const confirm = await w.click(HANK, 'campaignCancelAsk', { campaignId: id }, activityId);
    expect(allText(confirm)).toContain('Cancel this campaign?');
    expect(actions(confirm).map((a) => [a.verb, a.style])).toEqual([
      ['campaignCancel', 'destructive'],
      ['campaignRefresh', 'positive'],
    ]);
    const cancelled = await w.click(HANK, 'campaignCancel', { campaignId: id }, activityId);
    expect(texts(cancelled)[0]).toBe('Registration campaign: report');

    const again = await w.click(HANK, 'campaignStart', { campaignId: id }, activityId);
    expect(allText(again)).toContain('That is not possible now');
    expect(w.sender.nudges).toHaveLength(0);
    expect((await w.kit.service.get(id)).status).toBe('cancelled');
  });

  it('every admin action is in the audit trail with the admin who did it', async () => {
    const { card, activityId } = await preview();
    const id = String(action(card, 'campaignStart').data?.campaignId);
    await w.click(HANK, 'campaignStart', { campaignId: id }, activityId);
    await w.say(HANK, `campaign pause ${id}`);
    await w.say(HANK, `campaign cancel ${id}`);
    await w.click(MALLORY, 'campaignStart', { campaignId: id }, activityId);

    const trail = (await w.sqlite.store.query({ limit: 1000 })).filter((r) => r.action.startsWith('campaign.'));
    expect(trail.map((r) => [r.action, r.actor, r.subject])).toEqual([
      ['campaign.created', HANK.aad, id],
      ['campaign.started', HANK.aad, id],
      ['campaign.paused', HANK.aad, id],
      ['campaign.cancelled', HANK.aad, id],
    ]);
    expect(trail[0]?.details).toMatchObject({ name: expect.any(String), audience: expect.anything(), preview: expect.anything() });
  });

  it('a non-approver pressing Start changes nothing and is told why', async () => {
    const { card, activityId } = await preview();
    const id = String(action(card, 'campaignStart').data?.campaignId);

    const refused = await w.click(MALLORY, 'campaignStart', { campaignId: id }, activityId);

    expect(allText(refused)).toContain('Only members of the helpdesk approvers group can run registration campaigns.');
    expect((await w.kit.service.get(id)).status).toBe('draft');
  });

  it('results compare nudged employees who registered within N days with those not nudged', async () => {
    const { card } = await preview();
    const id = String(action(card, 'campaignStart').data?.campaignId);
    await w.kit.service.start(id);
    await w.kit.service.running(id);
    w.source.registered.set(ALICE.aad, new Date(w.time.ms + 2 * 24 * 3600 * 1000).toISOString());

    const results = cardFrom((await w.say(HANK, 'campaign results 7'))[0]);

    expect(texts(results)[0]).toBe('Who registered after the nudge (7 days)');
    expect(facts(results)).toMatchObject({ Nudged: '1 of 2 registered within 7 days (50%)', 'Not nudged': '0 of 0 registered (0%)' });
  });
});

describe('campaigns in evaluation (shadow) mode', () => {
  let w: ChatWorld;
  beforeEach(async () => (w = await createChatWorld({ reportOnly: true })));
  afterEach(() => w.close());

  it('Start reports who would be nudged and at what pace, sends nothing, and the campaign stays a draft', async () => {
    const replies = await w.say(HANK, 'campaign preview');
    const card = cardFrom(replies[0]);
    const id = String(action(card, 'campaignStart').data?.campaignId);

    const answer = await w.click(HANK, 'campaignStart', { campaignId: id }, replies[0]?.id ?? '');

    expect(allText(answer)).toMatch(/Report only \(evaluation mode\): 2 employee\(s\) would be nudged, about [\d.]+ min at [\d.]+ messages\/s \(0 in quiet hours now\)\. Nothing was sent\./);
    expect(texts(answer)[0]).toBe('Registration campaign: preview');
    expect(w.sender.nudges).toHaveLength(0);
    expect((await w.kit.service.get(id)).status).toBe('draft');
  });
});

