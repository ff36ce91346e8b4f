/**
 * Every card template renders in every locale that has a catalogue (whatever files locales/ holds
 * when the test runs): all bindings filled, no `${` left, every text present, and text lengths
 * within the layout's budget (headings, button labels and FactSet labels that Teams would cut or
 * wrap badly).
 */
import * as path from 'node:path';
import { localizedCards } from '../../../src/cards/cardContext';
import { createCardRenderer } from '../../../src/cards/renderCard';
import { catalogues } from '../../../src/i18n/catalogues';
import { directionOf, languageOf } from '../../../src/i18n/negotiate';
import { inLocale } from '../../../src/i18n/scope';
import { cardSamples } from '../cards/samples';

const DIR = path.resolve(__dirname, '..', '..', '..', 'adaptiveCards');
const all = catalogues();

/** Characters: English buttons run to ~30, translations up to ~1.5 times that; a paragraph in a button or a sentence as a fact label fails. */
const BUDGET = { heading: 120, action: 48, factLabel: 40, text: 900 };

type Node = Record<string, unknown>;
/** Every object in the card (the serialiser visits them all). */
function nodes(card: unknown): Node[] {
  const out: Node[] = [];
  JSON.stringify(card, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) out.push(value as Node);
    return value;
  });
  return out;
}

function render(locale: string) {
  const context = { locale, strings: all.strings(locale), dir: directionOf(locale), timeZone: 'Europe/Berlin' };
  return inLocale(context, () => cardSamples(localizedCards(createCardRenderer({ dir: DIR }))).map(([name, , draw]) => [name, draw()] as const));
}

describe.each(all.locales)('cards in %s', (locale) => {
  const cards = render(locale);

  it.each(cards.map(([name, card]) => [name, card]))('%s: bindings filled, texts within budget', (name, card) => {
    const problems: string[] = [];
    expect(JSON.stringify(card)).not.toContain('${');
    for (const o of nodes(card)) {
      const text = typeof o.text === 'string' ? o.text : undefined;
      if (o.type === 'TextBlock') {
        if (!text) problems.push('empty TextBlock');
        else if (o.size === 'Large' && text.length > BUDGET.heading) problems.push(`heading ${text.length} > ${BUDGET.heading}: ${text}`);
        else if (text.length > BUDGET.text) problems.push(`text ${text.length} > ${BUDGET.text}: ${text.slice(0, 60)}…`);
      }
      if (typeof o.type === 'string' && o.type.startsWith('Action.') && typeof o.title === 'string' && o.title.length > BUDGET.action) problems.push(`action ${o.title.length} > ${BUDGET.action}: ${o.title}`);
      if (o.type === 'FactSet') for (const f of (o.facts as Array<{ title?: string }> | undefined) ?? []) if ((f.title?.length ?? 0) > BUDGET.factLabel) problems.push(`fact label > ${BUDGET.factLabel}: ${f.title}`);
    }
    expect([name, problems]).toEqual([name, []]);
    if (locale !== 'en') expect(card).toMatchObject({ lang: languageOf(locale), ...(directionOf(locale) === 'rtl' ? { rtl: true } : {}) });
  });
});
