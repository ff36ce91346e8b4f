import { action, actions, allText, cardFrom, pressOn, rootTitle, texts, type Card } from './cards';
import { CA_BLOCK, MFA_NOT_DONE, REGISTERED, SESSION } from './fixtures';
import { CONVERSATION, TENANT, USER, createHarness, type Harness } from './harness';

const SECURITY = "IT will never ask you to approve a sign-in you didn't start or to read out a code.";

async function toFindings(h: Harness): Promise<Card> {
  const welcome = cardFrom((await h.install())[0]);
  const link = cardFrom((await pressOn(h, welcome, 'chooseMethod', (a) => a.title === 'Authenticator app'))[0]);
  return cardFrom((await pressOn(h, link, 'skipCheck'))[0]);
}

describe('guided flow', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness();
    h.backend.findings = [CA_BLOCK, MFA_NOT_DONE, REGISTERED];
  });
  afterEach(() => h.cleanup());

  it('when the employee picks a method, the conversation reference is stored and a self-check link card is shown', async () => {
    const welcome = cardFrom((await h.install())[0]);
    await h.store.delete('conversation-refs', CONVERSATION);

    const replies = await pressOn(h, welcome, 'chooseMethod', (a) => a.title === 'Security key or passkey');

    expect(replies).toHaveLength(1);
    expect(replies[0]?.type).toBe('invokeResponse');
    const card = cardFrom(replies[0]);
    expect(texts(card)[0]).toBe('Quick check of your browser and network');
    const open = actions(card).find((a) => a.type === 'Action.OpenUrl');
    expect(open).toMatchObject({ url: 'https://bot.example/check/t1', style: 'positive' });
    expect(action(card, 'skipCheck').title).toBe('Skip the browser check');
    expect(h.checkPage.bindings).toEqual([{ tenantId: TENANT, userAadObjectId: USER, conversationId: CONVERSATION }]);
    expect(await h.store.get('conversation-refs', CONVERSATION)).toBeDefined();
  });

  it('when the employee skips the browser check, the account is diagnosed with the chosen method and the root cause comes first', async () => {
    const card = await toFindings(h);

    expect(h.backend.diagnoseCalls).toEqual([{ user: USER, client: { attemptedMethod: 'microsoftAuthenticator' } }]);
    const t = texts(card);
    expect(t[0]).toBe('What I found');
    const label = t.indexOf('Most likely cause');
    expect(label).toBeGreaterThan(0);
    expect(t[label + 1]).toBe(CA_BLOCK.title);
    expect(t).toContain('Blocked');
    expect(t.indexOf(CA_BLOCK.title)).toBeLessThan(t.findIndex((x) => x.includes(MFA_NOT_DONE.title)));
    expect(t).toContain('1. Connect to the office network or VPN.');
    expect(t).toContain(`Needs attention: ${MFA_NOT_DONE.title}`);
    expect(t).toContain(SECURITY);
  });

  it('the findings card keeps the evidence in a collapsible container, with the links', async () => {
    const card = await toFindings(h);

    const toggles = actions(card).filter((a) => a.type === 'Action.ToggleVisibility') as unknown as Array<{ title: string; targetElements: string[] }>;
    expect(toggles.map((x) => x.title)).toEqual(['Show details', 'Hide details']);
    for (const toggle of toggles) expect(toggle.targetElements).toEqual(['evidence', 'showDetails', 'hideDetails']);
    const body = card.body as Array<Record<string, unknown>>;
    expect(body.find((b) => b.id === 'showDetails')?.isVisible).toBeUndefined();
    expect(body.find((b) => b.id === 'hideDetails')?.isVisible).toBe(false);
    const evidence = (card.body as Array<Record<string, unknown>>).find((b) => b.id === 'evidence');
    expect(evidence?.isVisible).toBe(false);
    expect(JSON.stringify(evidence)).toContain('Register security info from trusted networks only');
    const urls = actions(card).filter((a) => a.type === 'Action.OpenUrl').map((a) => a.url);
    expect(urls).toEqual(['https://aka.ms/mysecurityinfo', 'https://login.microsoftonline.com/error?code=53003']);
    expect(actions(card).filter((a) => a.style === 'positive').map((a) => a.verb)).toEqual(['itWorked']);
  });

  it('when evidence was not available, the card says so honestly', async () => {
    h.backend.gaps = [{ source: 'signIns', status: 403, code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', reason: 'needs an Entra ID P1 licence' }];
    const card = await toFindings(h);
    expect(texts(card)).toContain('What I could not check');
    expect(texts(card)).toContain('Sign-in logs were not available (needs an Entra ID P1 licence).');
  });

  it('when nothing is wrong, the card says so with status OK', async () => {
    h.backend.findings = [];
    const card = await toFindings(h);
    expect(texts(card)).toContain("I couldn't find anything wrong with your account.");
    expect(texts(card)).toContain('OK');
  });

  it('when the employee presses "Try again", the diagnosis runs again', async () => {
    const card = await toFindings(h);
    h.backend.findings = [SESSION];

    const again = cardFrom((await pressOn(h, card, 'tryAgain'))[0]);

    expect(h.backend.diagnoseCalls).toHaveLength(2);
    expect(rootTitle(again)).toBe(SESSION.title);
  });

  it('when the employee presses "It worked", the flow closes with thanks and its old buttons become stale', async () => {
    const card = await toFindings(h);

    const thanks = cardFrom((await pressOn(h, card, 'itWorked'))[0]);
    expect(texts(thanks)[0]).toBe('Great, you are all set!');

    const stale = cardFrom((await pressOn(h, card, 'stillStuck'))[0]);
    expect(texts(stale)[0]).toBe('This card is out of date');
  });

  it('when the employee is still stuck, the next finding is offered, then the helpdesk', async () => {
    const card = await toFindings(h);

    const next = cardFrom((await pressOn(h, card, 'stillStuck'))[0]);
    expect(texts(next)[0]).toBe('Next thing to try');
    expect(texts(next)).toContain('Step 2 of 2');
    expect(texts(next)).toContain(MFA_NOT_DONE.title);

    const offer = cardFrom((await pressOn(h, next, 'stillStuck'))[0]);
    expect(texts(offer)[0]).toBe("Let's get a person on it");
    expect(action(offer, 'talkToHelpdesk').style).toBe('positive');
  });

  it('when the employee asks for the helpdesk, the wish is recorded once and they are told the helpdesk is being contacted', async () => {
    const card = await toFindings(h);

    const done = cardFrom((await pressOn(h, card, 'talkToHelpdesk'))[0]);
    expect(texts(done)[0]).toBe('The helpdesk is being contacted');
    expect(allText(done)).toContain('Reference: REF1');
    const again = cardFrom((await pressOn(h, card, 'talkToHelpdesk'))[0]);
    expect(allText(again)).toContain('You already asked for the helpdesk');
    expect(allText(again)).toContain('Reference: REF1');

    const recorded = await h.store.list<{ findings: string[]; userAadObjectId: string }>('escalation-requests');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.value).toMatchObject({ userAadObjectId: USER, findings: ['CA_BLOCKS_REGISTRATION', 'MFA_NOT_COMPLETED', 'ALREADY_REGISTERED'] });
  });

  it('when the employee reports an error through the card, the pasted text is understood', async () => {
    const welcome = cardFrom((await h.install())[0]);
    const ask = cardFrom((await pressOn(h, welcome, 'reportError'))[0]);
    expect(texts(ask)[0]).toBe('Tell me the error');
    const submit = action(ask, 'submitError');

    const code = cardFrom((await h.press('submitError', { ...submit.data, errorText: 'AADSTS50089 flow token expired' }))[0]);

    expect(texts(code)).toContain('AADSTS50089');
  });

  it('when "Start over" is pressed, the welcome card returns and older cards become stale', async () => {
    const card = await toFindings(h);
    const welcome = cardFrom((await h.press('startOver', {}))[0]);
    expect(texts(welcome)[0]).toBe('Trouble setting up MFA? I can help.');
    expect(texts(cardFrom((await pressOn(h, card, 'tryAgain'))[0]))[0]).toBe('This card is out of date');
    expect(h.backend.diagnoseCalls).toHaveLength(1);
  });
});
