/**
 * Free text in the employee's words and language reaches the right advice (src/bot/understanding):
 * symptoms run the diagnosis with what the employee told us, and when the account shows nothing
 * wrong the card gives the advice for that symptom; text the bot cannot place is answered with
 * "I didn't understand" and the choices, never the welcome card again.
 */
import { BASE_LOCALE, catalogues } from '../../src/i18n/catalogues';
import { actions, allText, cardFrom, texts } from './cards';
import { createHarness, type Harness } from './harness';

const PUSH = 'Open the Authenticator app: a pending sign-in request often waits there even when no notification shows.';
const CLOCK = 'One-time codes change every 30 seconds and depend on your phone clock: set date and time to automatic in your phone settings.';
const APP = 'Update Microsoft Authenticator from your app store and restart your phone.';
const NO_PHONE = 'Otherwise the helpdesk can give you a Temporary Access Pass to set up a new method: choose "Talk to the helpdesk".';

describe('understanding free text', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness();
    h.backend.findings = [];
  });
  afterEach(() => h.cleanup());

  it.each([
    ['my authenticator app is not working', APP, 'microsoftAuthenticator', undefined],
    ['I never get the push notification', PUSH, 'microsoftAuthenticator', undefined],
    ['the code expired', CLOCK, undefined, undefined],
    ['Ich bekomme keine Push-Benachrichtigung', PUSH, 'microsoftAuthenticator', undefined],
    ['el código expiró', CLOCK, undefined, undefined],
    ["je n'ai plus de téléphone", NO_PHONE, undefined, true],
    ['認証アプリが動かない', APP, 'microsoftAuthenticator', undefined],
  ])('"%s": the account is checked and, with nothing wrong on it, the advice for that symptom is shown', async (text, advice, method, changedPhone) => {
    const card = cardFrom((await h.say(text))[0]);

    expect(texts(card)[0]).toBe('What I found');
    expect(allText(card)).toContain(advice);
    expect(h.backend.diagnoseCalls).toHaveLength(1);
    expect(h.backend.diagnoseCalls[0]?.client?.attemptedMethod).toBe(method);
    expect(h.backend.diagnoseCalls[0]?.client?.changedPhone).toBe(changedPhone);
  });

  // The words come from the reader's catalogue (a translation is a file, worded by its translator).
  it.each([
    ['de-DE', 'Ich bekomme keine Push-Benachrichtigung', 'push_not_arriving'],
    ['es-ES', 'el código expiró', 'code_expired'],
    ['ja-JP', '認証アプリが動かない', 'authenticator_not_working'],
  ])('with Teams in %s, "%s" is answered with the symptom advice in that language', async (locale, text, symptom) => {
    const all = catalogues();
    const advice = all.strings(all.negotiate(locale) ?? BASE_LOCALE).understanding.symptomSteps[symptom]?.[0];
    expect(advice).not.toBe(all.strings(BASE_LOCALE).understanding.symptomSteps[symptom]?.[0]);

    const card = cardFrom((await h.say(text, { locale }))[0]);
    expect(allText(card)).toContain(advice);
  });

  it('when the employee has no phone, the findings card offers the helpdesk (the pass path)', async () => {
    const card = cardFrom((await h.say('ich habe kein Handy'))[0]);
    expect(actions(card).map((a) => a.title)).toContain('Talk to the helpdesk');
  });

  it('when the diagnosis finds the cause, its own advice comes first (the symptom advice is only for an empty diagnosis)', async () => {
    h.backend.findings = [{ code: 'SESSION_EXPIRED', severity: 'blocking', fix: 'self', evidence: {}, title: 'Your session ran out.', steps: ['Start again.'] }];
    const card = cardFrom((await h.say('I never get the push notification'))[0]);
    expect(allText(card)).toContain('Your session ran out.');
    expect(allText(card)).not.toContain(PUSH);
  });

  it.each(['the printer on floor 3 is jammed', 'qwertz', '明日の天気は？'])('"%s" is answered with "I didn\'t understand" and the choices, not the welcome card', async (text) => {
    const card = cardFrom((await h.say(text))[0]);

    expect(texts(card)[0]).toBe("Sorry, I didn't understand that");
    expect(allText(card)).not.toContain('Trouble setting up MFA? I can help.');
    expect(actions(card).map((a) => a.title)).toEqual(['Set up the Authenticator app', 'Set up a phone number', 'Set up a security key', 'I got an error', 'I got a new phone', "I'm locked out"]);
    expect(h.backend.diagnoseCalls).toHaveLength(0);
  });

  it('with Teams in French, text the bot cannot place is answered "I didn\'t understand" in French', async () => {
    const card = cardFrom((await h.say('la photocopieuse est en panne', { locale: 'fr-FR' }))[0]);
    expect(texts(card)[0]).toBe("Désolé, je n'ai pas compris");
    expect(h.backend.diagnoseCalls).toHaveLength(0);
  });
});
