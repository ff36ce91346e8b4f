/**
 * The locales the accessibility checks render cards in: English always, plus every message
 * catalogue present at test time (locales/<tag>.json), so a new translation is checked without a
 * test change. Right-to-left scripts (Arabic, Hebrew, Persian, Urdu) are rendered with dir="rtl".
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CardContext } from '../../../../src/cards/cardContext';
import { createCardRenderer } from '../../../../src/cards/renderCard';
import { en, type Strings } from '../../../../src/i18n/en';

export const ROOT = resolve(__dirname, '..', '..', '..', '..');
const RTL = new Set(['ar', 'he', 'fa', 'ur']);

export interface CardLocale {
  locale: string;
  dir: 'ltr' | 'rtl';
  ctx: CardContext;
}

type Tree = { [k: string]: unknown };
const isTree = (v: unknown): v is Tree => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A catalogue nested like `en` or flat with dotted keys, laid over `en` (missing keys stay English). */
function overlay(base: Tree, catalogue: Tree): Tree {
  const out: Tree = { ...base };
  for (const [key, value] of Object.entries(catalogue)) {
    const [head, ...rest] = key.split('.');
    if (head === undefined) continue;
    const v = rest.length > 0 ? { [rest.join('.')]: value } : value;
    const current = out[head];
    if (isTree(current) && isTree(v)) out[head] = overlay(current, v);
    else if (typeof current === typeof v) out[head] = v;
  }
  return out;
}

export function cardLocales(root = ROOT): CardLocale[] {
  const renderer = createCardRenderer({ dir: join(root, 'adaptiveCards') });
  const dir = join(root, 'locales');
  const tags = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')) : [];
  const out: CardLocale[] = [{ locale: 'en', dir: 'ltr', ctx: { renderer, strings: en } }];
  for (const tag of tags.filter((t) => t !== 'en').sort()) {
    const catalogue: unknown = JSON.parse(readFileSync(join(dir, `${tag}.json`), 'utf8'));
    if (!isTree(catalogue)) throw new Error(`locales/${tag}.json is not a JSON object`);
    const strings = overlay(en as unknown as Tree, catalogue) as unknown as Strings;
    out.push({ locale: tag, dir: RTL.has(tag.split('-')[0] ?? '') ? 'rtl' : 'ltr', ctx: { renderer, strings } });
  }
  return out;
}
