/**
 * Clarifying questions (src/bot/clarify): asked when the evidence allows more than one cause,
 * once per conversation, remembered across flows, and the answer changes the advice. Free text
 * the bot cannot place is answered with "I didn't understand" and choices.
 */
import type { Finding } from '../../src/diagnosis/types';
import { actions, allText, cardFrom, rootTitle, texts, type Card } from './cards';
import { MFA_NOT_DONE, REGISTERED, SESSION } from './fixtures';
import { createHarness, type Harness } from './harness';

const STALE: Finding = {
  code: 'STALE_AUTHENTICATOR',
  severity: 'blocking',
  fix: 'helpdesk',
  evidence: { authenticatorDevice: 'iPhone 11' },
  title: 'Microsoft Authenticator is still registered on your old phone, so your new phone cannot take over.',
  steps: ['Ask the helpdesk to remove the old Authenticator registration.'],
};
const DEVICE_POLICY: Finding = {
  code: 'CA_REQUIRES_COMPLIANT_DEVICE',
  severity: 'blocking',
  fix: 'self',
  evidence: { policy: { id: 'ca-12', displayName: 'CA012 Register only from managed devices', state: 'enabled' } },
  title: 'Your organisation only allows setting up security info from a company-managed device.',
  steps: ['Use your company laptop or PC.'],
};

const answer = (h: Harness, card: Card, value: string) => {
  const a = actions(card).find((x) => x.verb === 'clarify' && x.data?.answer === value);
  if (!a) throw new Error(`no answer ${value} on ${allText(card)}`);
  return h.press('clarify', a.data ?? {}).then((r) => cardFrom(r[0]));
};

describe('clarifying questions', () => {
  let h: Harness;
  beforeEach(() => (h = createHarness()));
  afterEach(() => h.cleanup());

  it('when prompts were not completed, the bot asks whether the phone is new or lost before showing the findings', async () => {
    h.backend.findings = [MFA_NOT_DONE];
    const card = cardFrom((await h.say("I'm locked out"))[0]);

    expect(texts(card)).toContain('Did you get a new phone or lose the old one? Your answer changes what I tell you.');
    expect(actions(card).map((a) => a.title)).toEqual(['Yes, a new phone', 'I lost my old phone', 'No, same phone', 'Skip: show what you found']);
    expect(allText(card)).not.toContain(MFA_NOT_DONE.title);
  });

  it('answering "new phone" diagnoses again with the changed phone, and the advice changes to the old registration', async () => {
    h.backend.findings = [MFA_NOT_DONE];
    const question = cardFrom((await h.say("I'm locked out"))[0]);
    h.backend.findings = [STALE];

    const findings = await answer(h, question, 'new');

    expect(h.backend.diagnoseCalls.map((c) => c.client?.changedPhone)).toEqual([undefined, true]);
    expect(rootTitle(findings)).toBe(STALE.title);
  });

  it('the question is asked once: a later flow in the same conversation reuses the answer and does not ask again', async () => {
    h.backend.findings = [MFA_NOT_DONE];
    const question = cardFrom((await h.say("I'm locked out"))[0]);
    await answer(h, question, 'lost');

    const later = cardFrom((await h.say('my session expired'))[0]);

    expect(h.backend.diagnoseCalls.at(-1)?.client).toEqual({ changedPhone: true });
    expect(texts(later)[0]).toBe('What I found');
    expect(allText(later)).not.toContain('Did you get a new phone');
  });

  it('a question ignored once is not asked again', async () => {
    h.backend.findings = [MFA_NOT_DONE];
    await h.say("I'm locked out");

    const again = cardFrom((await h.say("I'm locked out"))[0]);

    expect(rootTitle(again)).toBe(MFA_NOT_DONE.title);
  });

  it('"No, same phone" shows the findings of the diagnosis already made, without a second diagnosis', async () => {
    h.backend.findings = [MFA_NOT_DONE];
    const question = cardFrom((await h.say("I'm locked out"))[0]);

    const findings = await answer(h, question, 'same');

    expect(h.backend.diagnoseCalls).toHaveLength(1);
    expect(rootTitle(findings)).toBe(MFA_NOT_DONE.title);
  });

  it('when nothing blocking is found and the method is unknown, the bot asks which method, and diagnoses again with it', async () => {
    h.backend.findings = [REGISTERED];
    const question = cardFrom((await h.say("I'm blocked"))[0]);
    expect(texts(question)[0]).toBe('Which method are you setting up?');

    await answer(h, question, 'fido2');

    expect(h.backend.diagnoseCalls.map((c) => c.client?.attemptedMethod)).toEqual([undefined, 'fido2']);
  });

  it('when a policy wants a company device, the device answer changes who must act and what to do', async () => {
    h.backend.findings = [DEVICE_POLICY];
    const question = cardFrom((await h.say("I'm blocked"))[0]);
    expect(texts(question)[0]).toBe('Which device are you using?');

    const company = await answer(h, question, 'company');
    expect(allText(company)).toContain('The helpdesk: they need to do this for you.');
    expect(allText(company)).toContain('1. Your company device is not recognised as compliant or joined');

    const personal = createHarness();
    try {
      personal.backend.findings = [DEVICE_POLICY];
      const q = cardFrom((await personal.say("I'm blocked"))[0]);
      const card = await answer(personal, q, 'personal');
      expect(allText(card)).toContain('You: you can fix this yourself.');
      expect(allText(card)).toContain('2. Use your company laptop or PC');
    } finally {
      personal.cleanup();
    }
  });
});

describe("when the bot does not understand", () => {
  let h: Harness;
  beforeEach(() => (h = createHarness()));
  afterEach(() => h.cleanup());

  it('it says so, quotes what it did not understand, and offers choices instead of the welcome menu', async () => {
    const card = cardFrom((await h.say('banana bread'))[0]);

    expect(texts(card)[0]).toBe("Sorry, I didn't understand that");
    expect(texts(card)[1]).toContain('I did not understand “banana bread”.');
    expect(actions(card).map((a) => a.title)).toEqual([
      'Set up the Authenticator app',
      'Set up a phone number',
      'Set up a security key',
      'I got an error',
      'I got a new phone',
      "I'm locked out",
    ]);
    expect(allText(card)).not.toContain("Let's work it out together");
    expect(h.backend.diagnoseCalls).toHaveLength(0);
  });

  it('choosing "I got a new phone" from the choices diagnoses with the changed phone', async () => {
    h.backend.findings = [SESSION];
    const card = cardFrom((await h.say('it does not work'))[0]);

    const next = await answer(h, card, 'newPhone');

    expect(h.backend.diagnoseCalls[0]?.client).toEqual({ attemptedMethod: 'microsoftAuthenticator', changedPhone: true });
    expect(rootTitle(next)).toBe(SESSION.title);
  });

  it('choosing "I got an error" asks for the error', async () => {
    const card = cardFrom((await h.say('hmm'))[0]);

    const next = await answer(h, card, 'error');

    expect(texts(next)[0]).toBe('Tell me the error');
  });
});
