/**
 * The bot speaks the employee's language: the Teams client language of the activity (remembered
 * for later turns), the employee's own choice ("speak English", "sprich Deutsch", "language:
 * auto") over it, right to left for Arabic. Uses the real catalogues in locales/.
 */
import { catalogues } from '../../src/i18n/catalogues';
import { cardFrom, pressOn, texts, type Card } from './cards';
import { SESSION } from './fixtures';
import { createHarness, type Harness } from './harness';

const all = catalogues();
const de = all.strings('de');
const en = all.strings('en');
const ar = all.strings('ar');

function textOf(reply: Partial<{ text: string }> | undefined): string {
  return reply?.text ?? '';
}

describe('the bot speaks the employee\'s language', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness();
  });
  afterEach(() => h.cleanup());

  const installIn = async (locale: string): Promise<Card> =>
    cardFrom((await h.send({ type: 'conversationUpdate', locale, membersAdded: [{ id: '28:bot', name: 'MFA Helper' }, { id: '29:alice', name: 'Alice Employee' }] }))[0]);

  it('an employee whose Teams is set to de-DE is welcomed in German, and the card says its language', async () => {
    const card = await installIn('de-DE');

    expect(texts(card)).toContain(de.welcome.title);
    expect(texts(card)).not.toContain(en.welcome.title);
    expect(card.lang).toBe('de');
    expect(card.rtl).toBeUndefined();
  });

  it('the diagnosis reaches a de-DE employee in German: the card, and the finding worded from its code', async () => {
    h.backend.findings = [SESSION];
    const welcome = cardFrom((await h.say('hallo', { locale: 'de-DE' }))[0]);
    // Later button presses carry no locale: the one remembered from the message counts.
    const link = cardFrom((await pressOn(h, welcome, 'chooseMethod', (a) => a.title === de.welcome.authenticator))[0]);
    // The self-check page opens in the same language, whatever the browser prefers.
    expect(JSON.stringify(link)).toContain('https://bot.example/check/t1?lang=de');
    const findings = cardFrom((await pressOn(h, link, 'skipCheck'))[0]);
    const t = texts(findings);

    expect(t).toContain(de.findings.title);
    expect(t[t.indexOf(de.findings.rootCause) + 1]).toBe(de.findings.SESSION_EXPIRED.title);
    expect(texts(findings).join('\n')).toContain(de.findings.SESSION_EXPIRED.steps[0]);
    expect(texts(findings).join('\n')).not.toContain(SESSION.title);
  });

  it('"speak English" wins over the Teams language until "language: auto"', async () => {
    await h.say('hallo', { locale: 'de-DE' });

    const switched = await h.say('speak English', { locale: 'de-DE' });
    expect(textOf(switched[0])).toBe(en.language.switched);
    expect(texts(cardFrom((await h.say('hallo', { locale: 'de-DE' }))[0]))).toContain(en.welcome.title);

    const auto = await h.say('language: auto', { locale: 'de-DE' });
    expect(textOf(auto[0])).toBe(de.language.auto);
    expect(texts(cardFrom((await h.say('hallo', { locale: 'de-DE' }))[0]))).toContain(de.welcome.title);
  });

  it('"sprich Deutsch" from an English Teams switches to German; an unknown language is answered with the choices', async () => {
    expect(textOf((await h.say('sprich Deutsch', { locale: 'en-US' }))[0])).toBe(de.language.switched);
    expect(texts(cardFrom((await h.say('hi', { locale: 'en-US' }))[0]))).toContain(de.welcome.title);

    const unknown = textOf((await h.say('language: klingon', { locale: 'en-US' }))[0]);
    expect(unknown).toContain('Deutsch');
    expect(unknown).toContain('English');
  });

  it('an Arabic reader gets the card right to left', async () => {
    const card = await installIn('ar-SA');

    expect(texts(card)).toContain(ar.welcome.title);
    expect(card.lang).toBe('ar');
    expect(card.rtl).toBe(true);
  });

  it('a language the bot does not have falls back to the tenant default (English here)', async () => {
    const card = await installIn('sv-SE');

    expect(texts(card)).toContain(en.welcome.title);
    expect(card.lang).toBeUndefined();
  });
});
