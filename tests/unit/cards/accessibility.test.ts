/**
 * Accessibility rules every card template keeps, checked without a browser (the axe-core run in
 * tests/e2e/a11y is the fuller check): inputs are labelled and explain their errors, images have
 * alternative text, titles are headings, actions say what they do, and colour never carries a
 * status on its own.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CardContext } from '../../../src/cards/cardContext';
import { createCardRenderer } from '../../../src/cards/renderCard';
import { en } from '../../../src/i18n/en';
import { cardSamples } from './samples';

const DIR = path.resolve(__dirname, '..', '..', '..', 'adaptiveCards');
const FILES = fs.readdirSync(DIR).filter((f) => f.endsWith('.json'));
const SAMPLES = cardSamples({ renderer: createCardRenderer({ dir: DIR }), strings: en } satisfies CardContext);

type Node = Record<string, unknown>;
function nodesOf(node: unknown, pred: (o: Node) => boolean, out: Node[] = []): Node[] {
  if (Array.isArray(node)) node.forEach((n) => nodesOf(n, pred, out));
  else if (node && typeof node === 'object') {
    if (pred(node as Node)) out.push(node as Node);
    Object.values(node as Node).forEach((v) => nodesOf(v, pred, out));
  }
  return out;
}
const typed = (prefix: string) => (o: Node) => typeof o.type === 'string' && o.type.startsWith(prefix);
const filled = (v: unknown) => typeof v === 'string' && v.trim() !== '';
const template = (file: string): Node => JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as Node;
/** `${title}`, `${riskTitle}`...: a TextBlock that shows a title is a heading. */
const TITLE_BINDING = /^\$\{\w*[tT]itle\}$/;

describe('card templates are accessible (no browser needed)', () => {
  it.each(FILES)('%s: every input has a label and an error message; a toggle also says what ticking it means', (file) => {
    for (const input of nodesOf(template(file), typed('Input.'))) {
      expect([input.id, filled(input.label), filled(input.errorMessage)]).toEqual([input.id, true, true]);
      if (input.type === 'Input.Toggle') expect([input.id, filled(input.title)]).toEqual([input.id, true]);
    }
  });

  it.each(FILES)('%s: every image has alternative text', (file) => {
    for (const image of nodesOf(template(file), (o) => o.type === 'Image' || typeof o.backgroundImage === 'object')) {
      const alt = image.type === 'Image' ? image.altText : undefined;
      expect([image.url ?? image.backgroundImage, image.type === 'Image' ? filled(alt) : 'background images carry no meaning']).toEqual([
        image.url ?? image.backgroundImage,
        image.type === 'Image' ? true : 'background images carry no meaning',
      ]);
    }
  });

  it.each(FILES)('%s: the card title and every section title are headings (TextBlock style "heading")', (file) => {
    const card = template(file);
    const body = Array.isArray(card.body) ? (card.body as Node[]) : [];
    const first = nodesOf(body, (o) => o.type === 'TextBlock')[0];
    expect(first?.style).toBe('heading');
    for (const tb of nodesOf(card, (o) => o.type === 'TextBlock' && typeof o.text === 'string' && TITLE_BINDING.test(o.text))) {
      expect([tb.text, tb.style]).toEqual([tb.text, 'heading']);
    }
  });

  it.each(SAMPLES)('%s: inputs keep their labels, actions say what they do, coloured text says its status in words', (_name, _t, render) => {
    const card = render();
    for (const input of nodesOf(card, typed('Input.'))) expect([input.id, filled(input.label), filled(input.errorMessage)]).toEqual([input.id, true, true]);
    // (card.refresh holds Teams' automatic refresh action, which nobody presses.)
    for (const action of nodesOf([card.body, card.actions], typed('Action.'))) {
      expect([action.verb ?? action.type, filled(action.title)]).toEqual([action.verb ?? action.type, true]);
    }
    for (const tb of nodesOf(card, (o) => o.type === 'TextBlock' && o.color !== undefined && o.color !== 'Default')) {
      expect([tb.color, tb.text]).toEqual([tb.color, expect.stringMatching(/\p{L}{2}/u)]);
    }
    for (const image of nodesOf(card, (o) => o.type === 'Image')) expect(filled(image.altText)).toBe(true);
  });

  it('an action that needs no input does not block on a required field elsewhere on the card', () => {
    for (const [name, , render] of SAMPLES) {
      const card = render();
      if (nodesOf(card, (o) => typed('Input.')(o) && o.isRequired === true).length === 0) continue;
      const free = nodesOf(card, (o) => o.type === 'Action.Execute' && o.verb === 'startOver');
      for (const a of free) expect([name, a.associatedInputs]).toEqual([name, 'none']);
    }
  });
});
