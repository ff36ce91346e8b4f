/**
 * Containment and the person-proven controls, through the bot with the connector stand-in and
 * the fake backend (which checks every token with the backend's real validation): the incident
 * reaches the helpdesk channel whatever happens to the employee's chat, an approver revokes a
 * pass, the employee cancels a request, and "Ask for info" goes to the employee and back, with
 * free text made inert on the way.
 */
import { runTapMaintenance } from '../../src/bot/tap/maintenance';
import { action, actions, allText, texts, type Card } from './cards';
import { CONVERSATION } from './harness';
import { ALICE, CHANNEL, HANK, MALLORY, VERIFIED, createWorld, type World } from '../integration/approvals-http/support/world';

const verbs = (card: Card) => actions(card).map((a) => a.verb ?? a.type);

/** Alice escalated, Hank approved: the pass is issued and delivered. */
async function issuedWorld(): Promise<World> {
  const w = await createWorld();
  await w.chooseChannel(HANK);
  await w.escalate();
  await w.clickInChannel(HANK, 'tapApprove', { requestId: (await w.onlyRequest()).id, ...VERIFIED });
  return w;
}

describe('"This wasn\'t me" raises the incident in the channel on its own', () => {
  let w: World;
  beforeEach(async () => {
    w = await issuedWorld();
  });
  afterEach(() => w.close());

  it("when every send to the employee's chat fails, the incident card is still posted to the helpdesk channel", async () => {
    const r = await w.onlyRequest();
    w.connector.failSendsTo(/personal-alice/);

    const done = await w.clickInChat(ALICE, CONVERSATION, 'tapNotMe', { requestId: r.id });

    expect(allText(done)).toContain('The helpdesk was alerted');
    const incident = w.cardOf(w.callsTo(CHANNEL, 'POST').pop());
    expect(texts(incident)[0]).toBe('Security incident: Alice Employee');
    expect(allText(incident)).toContain('Sessions revoked: true');
    expect([...w.backend.incidents.values()][0]?.postedAt).toBeDefined();
  });

  it('an incident the backend recorded but no bot posted (a crash in between) is posted by maintenance, once', async () => {
    const r = await w.onlyRequest();
    await w.backend.containTakeover({ requestId: r.id, employeeId: ALICE.aad, employeeToken: w.idp.token(ALICE.aad) });
    const before = w.callsTo(CHANNEL, 'POST').length;

    await runTapMaintenance(w.wiring.kit);
    await runTapMaintenance(w.wiring.kit);

    const posted = w.callsTo(CHANNEL, 'POST').slice(before);
    expect(posted).toHaveLength(1);
    expect(texts(w.cardOf(posted[0]))[0]).toBe('Security incident: Alice Employee');
    expect((await w.backend.pendingIncidents()).incidents).toEqual([]);
  });

  it("the claim with someone else's sign-in is refused by the backend and removes nothing", async () => {
    const r = await w.onlyRequest();
    await expect(w.backend.containTakeover({ requestId: r.id, employeeId: ALICE.aad, employeeToken: w.idp.token(MALLORY.aad) })).rejects.toMatchObject({ details: { reason: 'unproven' } });
    expect(w.backend.incidents.size).toBe(0);
  });
});

describe('an approver revokes an issued pass', () => {
  let w: World;
  beforeEach(async () => {
    w = await issuedWorld();
  });
  afterEach(() => w.close());

  it('with a reason and their own sign-in: the pass is revoked, the chat message redacted, the employee told', async () => {
    const r = await w.onlyRequest();

    const card = await w.clickInChannel(HANK, 'tapRevoke', { requestId: r.id, revokeReason: 'caller could not be verified' });

    expect(allText(card)).toContain('Pass revoked. The employee was told.');
    expect(verbs(card)).not.toContain('tapRevoke');
    expect(w.backend.revokeRequestCalls).toEqual([expect.objectContaining({ requestId: r.id, approverId: HANK.aad, approverToken: expect.any(String), reason: 'caller could not be verified' })]);
    expect(w.backend.proofRefusals).toEqual([]);
    expect((await w.service.get(r.id))?.state).toBe('revoked');
    expect(w.callsTo(CONVERSATION, 'POST').some((c) => allText(w.cardOf(c)).includes('Your Temporary Access Pass was revoked'))).toBe(true);
  });

  it('someone outside the approvers group is refused by the backend; the pass stays', async () => {
    const r = await w.onlyRequest();

    const card = await w.clickInChannel(MALLORY, 'tapRevoke', { requestId: r.id, revokeReason: 'just because' });

    expect(allText(card)).toContain('Only members of the helpdesk approvers group can decide.');
    expect((await w.service.get(r.id))?.state).toBe('delivered');
  });

  it('without a reason nothing happens and the approver is asked for one', async () => {
    const r = await w.onlyRequest();
    const card = await w.clickInChannel(HANK, 'tapRevoke', { requestId: r.id, revokeReason: '  ' });
    expect(allText(card)).toContain('Say why you revoke the pass');
    expect(w.backend.revokeRequestCalls).toHaveLength(0);
  });
});

describe('the employee cancels, and "Ask for info" goes both ways', () => {
  let w: World;
  let filed: Card;
  beforeEach(async () => {
    w = await createWorld();
    await w.chooseChannel(HANK);
    filed = await w.escalate();
  });
  afterEach(() => w.close());

  it('"Cancel my request" with the employee\'s own sign-in closes the request and updates the channel card', async () => {
    const r = await w.onlyRequest();
    expect(action(filed, 'tapCancel').data).toEqual({ requestId: r.id });

    const done = await w.clickInChat(ALICE, CONVERSATION, 'tapCancel', { requestId: r.id });

    expect(texts(done)[0]).toBe('Your request was cancelled');
    expect(w.backend.cancelCalls).toEqual([expect.objectContaining({ requestId: r.id, employeeId: ALICE.aad, employeeToken: expect.any(String) })]);
    expect((await w.service.get(r.id))?.state).toBe('cancelled');
    expect(allText(w.cardOf(w.callsTo(CHANNEL, 'PUT').pop()))).toContain('Cancelled.');
  });

  it('someone else cannot cancel the employee\'s request', async () => {
    const r = await w.onlyRequest();
    const card = await w.clickInChat(MALLORY, 'a:personal-mallory', 'tapCancel', { requestId: r.id });
    expect(texts(card)[0]).toBe("This card isn't yours");
    expect((await w.service.get(r.id))?.state).toBe('pending');
  });

  it('the question reaches the employee without live links, and the answer lands in the helpdesk thread', async () => {
    const r = await w.onlyRequest();
    await w.clickInChannel(HANK, 'tapAskInfo', { requestId: r.id, infoQuestion: 'Please confirm at [our portal](https://evil.example/login) or www.phish.example' });

    const question = w.cardOf(w.callsTo(CONVERSATION, 'POST').pop());
    expect(texts(question)[0]).toBe('The helpdesk has a question');
    const text = allText(question);
    expect(text).toContain('our portal (hxxps[:]//evil[.]example/login)');
    expect(text).toContain('www[.]phish[.]example');
    expect(text).not.toMatch(/https?:\/\/|\]\(/);
    expect(action(question, 'tapInfoAnswer').data).toEqual({ requestId: r.id });

    const sent = await w.clickInChat(ALICE, CONVERSATION, 'tapInfoAnswer', { requestId: r.id, infoAnswer: 'I am at the Zurich office, see https://intranet.example' });

    expect(allText(sent)).toContain('your answer was sent to the helpdesk');
    const reply = w.connector.calls.filter((c) => c.conversationId.startsWith(`${CHANNEL};messageid=`) && c.method === 'POST').pop();
    expect(reply?.body.text).toBe('Alice Employee answered the question: “I am at the Zurich office, see hxxps[:]//intranet[.]example”');
    expect(await w.sqlite.store.query({ action: 'tap.info_answered' })).toHaveLength(1);
  });

  it('long free text is cut to a readable length', async () => {
    const r = await w.onlyRequest();
    await w.clickInChannel(HANK, 'tapAskInfo', { requestId: r.id, infoQuestion: `Where are you? ${'x'.repeat(900)}` });
    const question = w.cardOf(w.callsTo(CONVERSATION, 'POST').pop());
    expect(allText(question)).toContain('…');
    expect(allText(question).length).toBeLessThan(900);
  });
});
