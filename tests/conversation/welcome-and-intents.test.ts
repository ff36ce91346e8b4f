import { actions, allText, cardFrom, texts } from './cards';
import { CA_BLOCK, QUOTA, SESSION } from './fixtures';
import { CONVERSATION, TENANT, USER, createHarness, type Harness } from './harness';

const SECURITY = "IT will never ask you to approve a sign-in you didn't start or to read out a code.";

describe('welcome and free text', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness();
  });
  afterEach(() => h.cleanup());

  it('when the bot is installed in a personal chat, it sends the welcome card with the three methods and "I got an error"', async () => {
    const replies = await h.install();

    expect(replies).toHaveLength(1);
    const card = cardFrom(replies[0]);
    expect(texts(card)[0]).toBe('Trouble setting up MFA? I can help.');
    expect(actions(card).map((a) => a.title)).toEqual(['Authenticator app', 'Phone number', 'Security key or passkey', 'I got an error']);
    expect(actions(card).every((a) => a.type === 'Action.Execute')).toBe(true);
    expect(texts(card)).toContain(SECURITY);
    const ref = await h.store.get<{ tenantId: string }>('conversation-refs', CONVERSATION);
    expect(ref?.value.tenantId).toBe(TENANT);
  });

  it('when someone else joins (not the bot), nothing is sent', async () => {
    const replies = await h.send({ type: 'conversationUpdate', membersAdded: [{ id: '29:bob', name: 'Bob' }] });
    expect(replies).toHaveLength(0);
  });

  it.each(['hi', 'Help', 'start over'])('when the employee says "%s", the welcome card comes back', async (text) => {
    const card = cardFrom((await h.say(text))[0]);
    expect(texts(card)[0]).toBe('Trouble setting up MFA? I can help.');
    expect(h.backend.diagnoseCalls).toHaveLength(0);
  });

  it.each([
    ['AADSTS53003: Access has been blocked by Conditional Access policies.', 'AADSTS53003'],
    ['I get error 53003 when I open the page', 'AADSTS53003'],
    ['Something went wrong 0x801c0003', '0x801c0003'],
  ])('when the employee pastes "%s", the error-code card explains %s and links to the lookup', async (text, shown) => {
    const card = cardFrom((await h.say(text))[0]);
    expect(texts(card)[0]).toBe('About the error you got');
    expect(texts(card)).toContain(shown);
    const links = actions(card).filter((a) => a.type === 'Action.OpenUrl');
    if (shown.startsWith('AADSTS')) expect(links.map((l) => l.url)).toContain('https://login.microsoftonline.com/error?code=53003');
    expect(actions(card).find((a) => a.verb === 'checkAccount')?.style).toBe('positive');
  });

  it('when the employee asks to check after pasting a code, the findings card mentions the pasted code', async () => {
    h.backend.findings = [CA_BLOCK];
    const codeCard = cardFrom((await h.say('AADSTS53003'))[0]);
    const checkAccount = actions(codeCard).find((a) => a.verb === 'checkAccount');

    const card = cardFrom((await h.press('checkAccount', checkAccount?.data ?? {}))[0]);

    expect(allText(card)).toContain('You told me about error 53003.');
    expect(h.backend.diagnoseCalls).toEqual([{ user: USER }]);
  });

  it.each([
    ['my session expired', 'account', undefined],
    ['it says too many devices', 'account', undefined],
    ['the account is locked', 'account', undefined],
    ['I am blocked', 'account', undefined],
    ['no text message arrives', 'account', 'phone'],
    ['I got a new phone', 'account', 'microsoftAuthenticator'],
    ['the QR code does not scan', 'browser', 'microsoftAuthenticator'],
    ['my yubikey does nothing', 'browser', 'fido2'],
    ['my passkey is not accepted', 'browser', 'passkey'],
  ])('when the employee says "%s", the bot jumps to the %s check', async (text, next, method) => {
    h.backend.findings = [SESSION];
    const card = cardFrom((await h.say(text))[0]);
    if (next === 'account') {
      expect(texts(card)[0]).toBe('What I found');
      expect(h.backend.diagnoseCalls).toHaveLength(1);
      expect(h.backend.diagnoseCalls[0]?.client?.attemptedMethod).toBe(method);
    } else {
      expect(texts(card)[0]).toBe('Quick check of your browser and network');
      expect(h.checkPage.bindings).toEqual([{ tenantId: TENANT, userAadObjectId: USER, conversationId: CONVERSATION }]);
      expect(h.backend.diagnoseCalls).toHaveLength(0);
    }
  });

  it('when the employee says they have a new phone, the diagnosis is told the phone changed', async () => {
    h.backend.findings = [QUOTA];
    await h.say('I lost my phone');
    expect(h.backend.diagnoseCalls[0]?.client).toEqual({ attemptedMethod: 'microsoftAuthenticator', changedPhone: true });
  });

  it('when the text is about MFA set-up in general, the guided flow starts with the method question', async () => {
    const card = cardFrom((await h.say("I can't set up MFA"))[0]);
    expect(texts(card)).toContain("Let's work it out together, one step at a time.");
    expect(texts(card)).toContain('What are you trying to set up?');
    expect(h.backend.diagnoseCalls).toHaveLength(0);
  });
});

describe('tenant allow-list', () => {
  it('when a message comes from a tenant that is not allowed, one polite message is sent, nothing is processed and it is logged', async () => {
    const h = createHarness({ allowedTenants: ['99999999-0000-0000-0000-000000000000'] });
    try {
      const replies = await h.say('my session expired');

      expect(replies).toHaveLength(1);
      expect(replies[0]?.text).toBe("Sorry, I'm not set up for your organisation, so I can't help here. Please contact your IT helpdesk.");
      expect(h.backend.diagnoseCalls).toHaveLength(0);
      expect(h.logs.some((l) => l.msg?.includes('not allowed') && l.tenantId === TENANT)).toBe(true);
    } finally {
      h.cleanup();
    }
  });

  it('when a card action comes from a tenant that is not allowed, only an error invoke response is sent', async () => {
    const h = createHarness({ allowedTenants: [] });
    try {
      const replies = await h.press('chooseMethod', { method: 'phone' });

      expect(replies).toHaveLength(1);
      expect(replies[0]?.type).toBe('invokeResponse');
      const body = (replies[0]?.value as { body: { statusCode: number; type: string } }).body;
      expect(body).toMatchObject({ statusCode: 403, type: 'application/vnd.microsoft.error' });
      expect(h.checkPage.bindings).toHaveLength(0);
    } finally {
      h.cleanup();
    }
  });

  it('when the bot is installed in a tenant that is not allowed, nothing is sent', async () => {
    const h = createHarness({ allowedTenants: [] });
    try {
      expect(await h.install()).toHaveLength(0);
    } finally {
      h.cleanup();
    }
  });
});
