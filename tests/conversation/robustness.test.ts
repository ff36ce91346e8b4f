import { AppError } from '../../src/shared/errors';
import { action, allText, cardFrom, pressOn, rootTitle, texts } from './cards';
import { CA_BLOCK } from './fixtures';
import { CONVERSATION, TENANT, USER, createHarness, type Harness } from './harness';
import { outage } from './outages';

describe('errors and hostile input', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness();
    h.backend.findings = [CA_BLOCK];
  });
  afterEach(() => h.cleanup());

  it('when the backend does not know the user, the employee reads "I couldn\'t find your account"', async () => {
    h.backend.diagnoseError = new AppError('not_found', 'user_not_found');
    const card = cardFrom((await h.say('my session expired'))[0]);
    expect(texts(card)[0]).toBe("I couldn't find your account");
  });

  it('when the backend is down, the employee is asked to try again in a minute, and "Try again" works once it is back', async () => {
    h.backend.diagnoseError = outage.graphUnavailable();
    const card = cardFrom((await h.say('my session expired'))[0]);
    expect(texts(card)[0]).toBe("I can't check right now");
    expect(allText(card)).toContain('Please try again in a minute.');

    h.backend.diagnoseError = undefined;
    const retried = cardFrom((await h.press('tryAgain', action(card, 'tryAgain').data ?? {}))[0]);
    expect(rootTitle(retried)).toBe(CA_BLOCK.title);
  });

  it('when something unexpected breaks, the employee gets a short apology with a reference and the log has the correlation ids', async () => {
    h.backend.diagnoseError = new TypeError("Cannot read properties of undefined (reading 'findings')");
    const card = cardFrom((await h.say('my session expired'))[0]);

    expect(texts(card)[0]).toBe('Sorry, something went wrong on my side');
    expect(allText(card)).toContain('Reference: REF1');
    expect(allText(card)).not.toContain('Cannot read properties');
    const line = h.logs.find((l) => l.reference === 'REF1');
    expect(line).toMatchObject({ level: 50, conversationId: CONVERSATION, tenantId: TENANT, userId: USER, kind: 'unexpected' });
  });

  it('when a card action breaks unexpectedly, the apology comes back as the invoke response (no crash, no 501)', async () => {
    const link = cardFrom((await h.say('my yubikey does nothing'))[0]);
    h.backend.diagnoseError = new Error('boom');
    const replies = await pressOn(h, link, 'skipCheck');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.type).toBe('invokeResponse');
    expect(texts(cardFrom(replies[0]))[0]).toBe('Sorry, something went wrong on my side');
  });

  it.each([
    ['no action at all', { foo: 1 }],
    ['an Action.Submit', { action: { type: 'Action.Submit', verb: 'skipCheck', data: {} } }],
    ['an unknown verb', { action: { type: 'Action.Execute', verb: 'issueTap', data: { flowId: 'x' } } }],
    ['bad data for a verb', { action: { type: 'Action.Execute', verb: 'chooseMethod', data: { method: 'carrier-pigeon' } } }],
    ['data that is not an object', { action: { type: 'Action.Execute', verb: 'skipCheck', data: 'x' } }],
    ['a giant verb', { action: { type: 'Action.Execute', verb: 'x'.repeat(5000) } }],
  ])('when a malformed invoke arrives (%s), a friendly card comes back and nothing happens', async (_name, value) => {
    const replies = await h.send({ type: 'invoke', name: 'adaptiveCard/action', value });
    expect(replies).toHaveLength(1);
    expect(texts(cardFrom(replies[0]))[0]).toBe("I didn't understand that");
    expect(h.backend.diagnoseCalls).toHaveLength(0);
    expect(h.checkPage.bindings).toHaveLength(0);
  });

  it('when an invoke names a flow that does not exist (forged), nothing happens', async () => {
    const card = cardFrom((await h.press('skipCheck', { flowId: 'forged-flow' }))[0]);
    expect(texts(card)[0]).toBe('This card is out of date');
    expect(h.backend.diagnoseCalls).toHaveLength(0);
  });

  it('when a button of an earlier step is pressed (stale), nothing happens', async () => {
    const link = cardFrom((await h.say('my yubikey does nothing'))[0]);
    const findings = cardFrom((await pressOn(h, link, 'skipCheck'))[0]);
    expect(texts(findings)[0]).toBe('What I found');

    const stale = cardFrom((await pressOn(h, link, 'skipCheck'))[0]);

    expect(texts(stale)[0]).toBe('This card is out of date');
    expect(h.backend.diagnoseCalls).toHaveLength(1);
  });

  it("when another user presses the employee's card, nothing happens", async () => {
    const findings = cardFrom((await h.say('my session expired'))[0]);
    const intruder = { from: { id: '29:mallory', name: 'Mallory', aadObjectId: 'aad-mallory' } };

    const card = cardFrom((await h.press('talkToHelpdesk', action(findings, 'talkToHelpdesk').data ?? {}, intruder))[0]);

    expect(texts(card)[0]).toBe("This card isn't yours");
    expect(await h.store.list('escalation-requests')).toHaveLength(0);
  });

  it('when the activity has no Entra object id, the bot says it cannot tell who the employee is', async () => {
    const card = cardFrom((await h.say('my session expired', { from: { id: '29:anon', name: 'Anon' } }))[0]);
    expect(allText(card)).toContain("I couldn't tell who you are from this chat.");
    expect(h.backend.diagnoseCalls).toHaveLength(0);
  });

  it('when the stored flow is corrupt, the bot starts afresh instead of crashing', async () => {
    await h.say('hi');
    const key = `msteams/28:bot/conversations/${CONVERSATION}`;
    const items = await h.storage.read([key]);
    await h.storage.write({ [key]: { ...items[key], flow: { v: 99, step: 'nonsense' }, eTag: '*' } });

    const card = cardFrom((await h.say('my session expired'))[0]);

    expect(texts(card)[0]).toBe('What I found');
  });
});
