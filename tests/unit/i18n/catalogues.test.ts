import { IntlMessageFormat } from 'intl-messageformat';
import { catalogues, BASE_LOCALE } from '../../../src/i18n/catalogues';
import { checkCatalogue, flatten, placeholders } from '../../../src/i18n/check';
import { MESSAGE_OPTIONS } from '../../../src/i18n/format';

const all = catalogues();
const base = all.tree(BASE_LOCALE) ?? {};
const translations = all.locales.filter((l) => l !== BASE_LOCALE);

describe('the message catalogues (locales/*.json)', () => {
  it('every English message is valid ICU MessageFormat', () => {
    const bad = [...flatten(base)].filter(([, m]) => {
      try {
        new IntlMessageFormat(m, 'en', undefined, MESSAGE_OPTIONS);
        return false;
      } catch {
        return true;
      }
    });
    expect(bad.map(([k]) => k)).toEqual([]);
  });

  it.each(translations.length ? translations : ['(none yet)'])('the %s catalogue has every key and the same placeholders, and parses', (locale) => {
    const tree = all.tree(locale);
    if (!tree) return;
    expect(checkCatalogue(base, tree, locale)).toEqual([]);
  });

  it('a translation that misses a key, a placeholder, adds one or breaks ICU syntax is reported', () => {
    const en = { a: 'Hello {name}', b: { c: 'Bye' }, d: ['x {n}'], e: '{n, plural, one {# pass} other {# passes}}' };
    const broken = { a: 'Hallo', d: ['x {n} {m}'], e: '{n, plural, one {# Pass} other {# Pässe}', f: 'extra' };
    expect(checkCatalogue(en, broken, 'xx')).toEqual([
      'xx: a lacks the placeholder {name}',
      'xx: missing b.c',
      'xx: d.0 has an unknown placeholder {m}',
      expect.stringMatching(/^xx: e is not valid ICU MessageFormat/),
      'xx: unknown key f',
    ]);
  });

  it('placeholders inside plural branches count', () => {
    expect([...placeholders('{n, plural, one {# pass for {name}} other {# passes}}')].sort()).toEqual(['n', 'name']);
  });
});
