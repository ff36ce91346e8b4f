import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CardContext } from '../../../src/cards/cardContext';
import { createCardRenderer, TEMPLATE_NAMES, type TemplateName } from '../../../src/cards/renderCard';
import { VERBS } from '../../../src/cards/verbs';
import { en } from '../../../src/i18n/en';
import { cardSamples } from './samples';

const DIR = path.resolve(__dirname, '..', '..', '..', 'adaptiveCards');
const ACTION_TYPES = new Set(['Action.Execute', 'Action.OpenUrl', 'Action.ToggleVisibility']);
const WIDE: TemplateName[] = ['welcome', 'errorCode', 'findings', 'fixStep', 'devices', 'tapRequest', 'ticket', 'passkeyGuide'];

type Node = Record<string, unknown>;
function walk(node: unknown, visit: (o: Node) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Node);
    Object.values(node as Node).forEach((v) => walk(v, visit));
  }
}
const nodesOf = (card: unknown, pred: (o: Node) => boolean) => {
  const out: Node[] = [];
  walk(card, (o) => pred(o) && out.push(o));
  return out;
};
const isAction = (o: Node) => typeof o.type === 'string' && o.type.startsWith('Action.');

const ctx: CardContext = { renderer: createCardRenderer({ dir: DIR }), strings: en };
const SAMPLES = cardSamples(ctx);

describe('card templates (as written in adaptiveCards/)', () => {
  const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json'));

  it('every template file is a known template and every known template has a file', () => {
    expect(files.map((f) => f.replace(/\.json$/, '')).sort()).toEqual([...TEMPLATE_NAMES].sort());
  });

  it.each(files)('%s: schema 1.5, wrapping TextBlocks, known verbs and action types, at most 3 actions per row', (file) => {
    const card = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as Node;
    expect(card.type).toBe('AdaptiveCard');
    expect(card.version).toBe('1.5');
    for (const tb of nodesOf(card, (o) => o.type === 'TextBlock')) expect(tb.wrap).toBe(true);
    for (const a of nodesOf(card, isAction)) {
      expect(ACTION_TYPES.has(a.type as string)).toBe(true);
      if (a.type === 'Action.Execute') expect(VERBS).toContain(a.verb);
    }
    for (const set of nodesOf(card, (o) => o.type === 'ActionSet')) expect((set.actions as unknown[]).length).toBeLessThanOrEqual(3);
    expect(card.actions === undefined || (card.actions as unknown[]).length <= 3).toBe(true);
    if (WIDE.includes(file.replace(/\.json$/, '') as TemplateName)) expect(card.msteams).toEqual({ width: 'Full' });
  });
});

describe('card templates (rendered with sample data)', () => {
  it('every template is covered by a sample', () => {
    expect(new Set(SAMPLES.map((s) => s[1]))).toEqual(new Set(TEMPLATE_NAMES));
  });

  it.each(SAMPLES)('%s: nothing left unbound, one positive action, rows of at most 3, Execute actions carry data', (_name, _t, render) => {
    const card = render();
    expect(JSON.stringify(card)).not.toContain('${');
    const acts = nodesOf(card, isAction);
    expect(acts.filter((a) => a.style === 'positive')).toHaveLength(1);
    for (const set of nodesOf(card, (o) => o.type === 'ActionSet')) expect((set.actions as unknown[]).length).toBeLessThanOrEqual(3);
    for (const a of acts.filter((x) => x.type === 'Action.Execute')) {
      expect(VERBS).toContain(a.verb);
      expect(typeof a.data).toBe('object');
    }
    for (const tb of nodesOf(card, (o) => o.type === 'TextBlock')) expect(typeof tb.text === 'string' && tb.text.length > 0).toBe(true);
  });

  it('cards that touch security carry the line about never approving a sign-in you did not start', () => {
    for (const [name, , render] of SAMPLES.filter(([n]) => /welcome|errorCode|checkLink|findings|fixStep|devices|confirmDevice|escalationOffer/.test(n))) {
      expect([name, JSON.stringify(render())]).toEqual([name, expect.stringContaining(en.securityLine)]);
    }
  });

  it('destructive actions only appear on the confirmation card', () => {
    for (const [name, , render] of SAMPLES) {
      const destructive = nodesOf(render(), isAction).filter((a) => a.style === 'destructive');
      expect([name, destructive.length]).toEqual([name, ['confirmDevice', 'campaignStatus (confirm cancel)', 'tapRequest (deny confirm)'].includes(name) ? 1 : 0]);
    }
  });
});
