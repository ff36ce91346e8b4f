import { catalogues } from '../../../src/i18n/catalogues';
import { formatMessage } from '../../../src/i18n/format';
import { directionOf, negotiate } from '../../../src/i18n/negotiate';
import { inLocale } from '../../../src/i18n/scope';
import { parseLanguageCommand } from '../../../src/bot/language';
import { localeFor } from '../../../src/bot/locale';
import { formatTime } from '../../../src/bot/tap/view';

const AVAILABLE = ['en', 'de', 'fr', 'es', 'pt-BR', 'it', 'nl', 'pl', 'ja', 'zh-Hans', 'ar'];
const all = catalogues();

describe('locale negotiation', () => {
  it.each([
    ['de-DE', 'de'],
    ['de-ch', 'de'],
    ['EN-us', 'en'],
    ['pt', 'pt-BR'],
    ['pt-PT', 'pt-BR'],
    ['pt_BR', 'pt-BR'],
    ['zh-CN', 'zh-Hans'],
    ['zh-Hans', 'zh-Hans'],
    ['zh', 'zh-Hans'],
    ['ar-SA', 'ar'],
    ['sv-SE', undefined],
    ['', undefined],
  ])('%s is served by %s', (requested, served) => {
    expect(negotiate(requested, AVAILABLE)).toBe(served);
  });

  it('Arabic is right to left, German and Japanese left to right', () => {
    expect([directionOf('ar'), directionOf('de'), directionOf('ja')]).toEqual(['rtl', 'ltr', 'ltr']);
  });

  it('the stored choice wins over the Teams language, which wins over the tenant default', () => {
    expect(localeFor(all, { locale: 'de-DE' }, 'fr', 'en').locale).toBe('en');
    expect(localeFor(all, { locale: 'de-DE' }, 'fr').locale).toBe('de');
    expect(localeFor(all, {}, 'fr').locale).toBe('fr');
    expect(localeFor(all, { locale: 'sv-SE' }, undefined).locale).toBe('en');
  });

  it('a missing key of a translation falls back to English, key by key', () => {
    const partial = all.strings('de');
    expect(partial.welcome.title).not.toBe(all.strings('en').welcome.title);
    expect(all.strings('xx')).toBe(all.strings('en'));
  });
});

describe('ICU messages in the reader\'s locale and time zone', () => {
  const at = new Date('2026-11-26T09:00:00Z');

  it('plurals follow the language\'s rules (Polish has few/many)', () => {
    const msg = '{n, plural, one {# plik} few {# pliki} many {# plików} other {# pliku}}';
    expect([1, 3, 5].map((n) => formatMessage(msg, { n }, 'pl'))).toEqual(['1 plik', '3 pliki', '5 plików']);
  });

  it('dates and times are in the reader\'s zone, not UTC', () => {
    expect(formatMessage('{at, time, short}', { at }, 'en-US', 'Asia/Tokyo')).toMatch(/^6:00\sPM GMT\+9$/);
    expect(formatMessage('{at, date, medium}', { at }, 'de', 'Europe/Berlin')).toBe('26. Nov. 2026');
  });

  it('the current reader is the default: inside a German turn in Zurich, a date is German and local', () => {
    const context = { locale: 'de', formatLocale: 'de-CH', timeZone: 'Europe/Zurich', strings: all.strings('de'), dir: 'ltr' as const };
    expect(inLocale(context, () => formatMessage('{at, time, short}', { at }))).toMatch(/^10:00 MEZ$/);
  });

  it('agent-card times are in the agent\'s zone and locale when Teams told it, in UTC (named) otherwise', () => {
    const context = { locale: 'de', formatLocale: 'de-DE', timeZone: 'Europe/Berlin', strings: all.strings('de'), dir: 'ltr' as const };
    expect(inLocale(context, () => formatTime('2026-11-26T09:00:00Z'))).toBe('26.11.2026, 10:00 (Europe/Berlin)');
    expect(formatTime('2026-11-26T09:00:00Z')).toBe('2026-11-26 09:00 UTC');
  });

  it('a broken translation shows words, never throws', () => {
    expect(formatMessage('Hallo {name', { name: 'x' }, 'de')).toBe('Hallo {name');
  });

  it('tags are text, not markup', () => {
    expect(formatMessage('"campaign preview group <group id>" for {n, plural, one {# group} other {# groups}}', { n: 2 }, 'en')).toBe('"campaign preview group <group id>" for 2 groups');
  });
});

describe('language commands', () => {
  const neg = (tag: string) => negotiate(tag, AVAILABLE);
  it.each([
    ['speak English', 'en'],
    ['Sprich Deutsch', 'de'],
    ['sprich deutsch!', 'de'],
    ['parle français', 'fr'],
    ['habla español', 'es'],
    ['language: fr', 'fr'],
    ['language pt', 'pt-BR'],
    ['Sprache: Englisch', 'en'],
    ['言語: 日本語', 'ja'],
    ['please speak Japanese', 'ja'],
  ])('"%s" chooses %s', (text, locale) => {
    expect(parseLanguageCommand(text, neg)).toEqual({ kind: 'set', requested: locale });
  });

  it.each(['use it', 'speak to someone', 'switch to phone', 'my session expired', 'language of the error was weird'])('"%s" is not a language command', (text) => {
    expect(parseLanguageCommand(text, neg)).toBeUndefined();
  });

  it('"language: auto" follows Teams again; an unknown language is reported', () => {
    expect(parseLanguageCommand('language: auto', neg)).toEqual({ kind: 'auto' });
    expect(parseLanguageCommand('language: klingon', neg)).toEqual({ kind: 'unknown', requested: 'klingon' });
  });
});
