/**
 * What the catalogue check cannot see: a translation whose words are all there but read wrong.
 * Plurals must cover the reader's CLDR categories (Polish few/many, Arabic zero…many) and use no
 * other, an argument must keep the kind English gives it (a date stays a date), and every message
 * must format with values of those kinds. (A placeholder an ICU apostrophe swallows, as in French
 * "l'{name}", is a missing placeholder: the catalogue check reports it.)
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { catalogues, BASE_LOCALE } from '../../../src/i18n/catalogues';
import { flatten } from '../../../src/i18n/check';
import { MESSAGE_OPTIONS } from '../../../src/i18n/format';

type Ast = ReturnType<IntlMessageFormat['getAst']>;
type Element = Ast[number];

// @formatjs/icu-messageformat-parser TYPE: argument 1, number 2, date 3, time 4, select 5, plural 6.
const KIND: Record<number, string> = { 1: 'argument', 2: 'number', 3: 'date', 4: 'time', 5: 'select', 6: 'plural' };

interface Shape {
  kinds: Map<string, string>;
  plurals: Array<{ name: string; categories: string[]; ordinal: boolean }>;
}

function shape(message: string, locale: string): Shape {
  const out: Shape = { kinds: new Map(), plurals: [] };
  const walk = (ast: Ast): void => {
    for (const el of ast as Element[]) {
      const kind = KIND[el.type];
      if (kind && 'value' in el && typeof el.value === 'string') out.kinds.set(el.value, kind);
      if ('options' in el) {
        if (kind === 'plural' && 'value' in el && typeof el.value === 'string') {
          out.plurals.push({ name: el.value, categories: Object.keys(el.options), ordinal: 'pluralType' in el && el.pluralType === 'ordinal' });
        }
        for (const option of Object.values(el.options)) walk(option.value);
      }
      if ('children' in el) walk(el.children);
    }
  };
  walk(new IntlMessageFormat(message, locale, undefined, MESSAGE_OPTIONS).getAst());
  return out;
}

/** Sample values: numbers for plurals and numbers, a date for dates and times, words otherwise. */
function samples(kinds: Map<string, string>): Record<string, string | number | Date> {
  const values: Record<string, string | number | Date> = {};
  for (const [name, kind] of kinds) {
    values[name] = kind === 'plural' || kind === 'number' ? 3 : kind === 'date' || kind === 'time' ? new Date(Date.UTC(2027, 1, 1, 9, 30)) : kind === 'select' ? 'other' : name;
  }
  return values;
}

function problems(english: string, message: string, locale: string): string[] {
  const found: string[] = [];
  const ours = shape(english, 'en');
  const theirs = shape(message, locale);
  const rules = (ordinal: boolean) => new Intl.PluralRules(locale, { type: ordinal ? 'ordinal' : 'cardinal' }).resolvedOptions().pluralCategories as string[];
  for (const p of theirs.plurals) {
    const needed = rules(p.ordinal);
    const lacking = needed.filter((c) => !p.categories.includes(c));
    const foreign = p.categories.filter((c) => !c.startsWith('=') && !needed.includes(c));
    if (lacking.length) found.push(`plural {${p.name}} lacks ${lacking.join('/')}`);
    if (foreign.length) found.push(`plural {${p.name}} has ${foreign.join('/')}, not a ${locale} category`);
  }
  for (const [name, kind] of ours.kinds) {
    const their = theirs.kinds.get(name);
    // A translation may turn a plain English {n} into a plural or a select; nothing else changes kind.
    if (their && their !== kind && !(kind === 'argument' && (their === 'plural' || their === 'select'))) found.push(`{${name}} is of kind ${their}, in English ${kind}`);
  }
  try {
    new IntlMessageFormat(message, locale, undefined, MESSAGE_OPTIONS).format(samples(new Map([...ours.kinds, ...theirs.kinds])));
  } catch (e) {
    found.push(`does not format: ${e instanceof Error ? e.message : String(e)}`);
  }
  return found;
}

const all = catalogues();
const base = flatten(all.tree(BASE_LOCALE) ?? {});
const translations = all.locales.filter((l) => l !== BASE_LOCALE);

describe('translations read right in their own language', () => {
  it.each(translations.length ? translations : ['(none yet)'])('%s: plurals cover its categories, arguments keep their kind, every message formats', (locale) => {
    const tree = all.tree(locale);
    if (!tree) return;
    const report: string[] = [];
    for (const [key, message] of flatten(tree)) {
      const english = base.get(key);
      if (english === undefined) continue; // the catalogue check reports unknown keys
      for (const p of problems(english, message, locale)) report.push(`${key}: ${p}`);
    }
    expect(report).toEqual([]);
  });

  it('a Polish plural without few/many, a French plural with a category French lacks and a date turned into a word are reported', () => {
    expect(problems('{n, plural, one {# pass} other {# passes}}', '{n, plural, one {# przepustka} other {# przepustki}}', 'pl')).toEqual(['plural {n} lacks few/many']);
    expect(problems('{n, plural, one {# key} other {# keys}}', '{n, plural, one {# clé} few {# clés} other {# clés}}', 'fr')).toEqual(['plural {n} lacks many', 'plural {n} has few, not a fr category']);
    expect(problems('Expires {at, date, medium}.', 'Läuft ab: {at}.', 'de')).toEqual(['{at} is of kind argument, in English date']);
    expect(problems('You can ask {n} more times.', 'Sie können noch {n, plural, one {ein Mal} other {#-mal}} fragen.', 'de')).toEqual([]);
  });
});
