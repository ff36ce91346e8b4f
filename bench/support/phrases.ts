/**
 * The labelled phrase set (tests/fixtures/phrases/<language>.json) and accuracy per language and
 * split: `tune` phrases may be looked at when the lexicons are changed, `holdout` phrases may not.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Intent } from '../../src/bot/intent';
import { intentLabel } from '../../src/bot/understanding/labels';

export const PhraseFileSchema = z
  .object({
    language: z.string().min(2),
    phrases: z.array(z.object({ text: z.string(), intent: z.string().min(1), set: z.enum(['tune', 'holdout']) }).strict()).min(1),
  })
  .strict();
export type PhraseFile = z.infer<typeof PhraseFileSchema>;
export type Phrase = PhraseFile['phrases'][number] & { language: string };

/** The folder holding package.json above this file (from bench/support or dist/bench/support). */
export function packageRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export function phrasesDir(): string {
  return path.join(packageRoot(), 'tests', 'fixtures', 'phrases');
}

export function loadPhrases(dir: string = phrasesDir()): Phrase[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => {
      const file = PhraseFileSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
      return file.phrases.map((p) => ({ ...p, language: file.language }));
    });
}

export interface Accuracy {
  right: number;
  total: number;
  ratio: number;
}
export type Split = 'tune' | 'holdout' | 'all';
export interface Evaluation {
  /** language → split → accuracy */
  byLanguage: Record<string, Record<Split, Accuracy>>;
  overall: Record<Split, Accuracy>;
  misses: Array<{ language: string; set: string; text: string; expected: string; got: string }>;
}

function acc(right: number, total: number): Accuracy {
  return { right, total, ratio: total === 0 ? 1 : Math.round((right / total) * 1000) / 1000 };
}

export function evaluate(phrases: readonly Phrase[], recognize: (text: string) => Intent): Evaluation {
  const counts = new Map<string, { right: number; total: number }>();
  const bump = (key: string, ok: boolean) => {
    const c = counts.get(key) ?? { right: 0, total: 0 };
    c.total++;
    if (ok) c.right++;
    counts.set(key, c);
  };
  const misses: Evaluation['misses'] = [];
  for (const p of phrases) {
    const got = intentLabel(recognize(p.text));
    const ok = got === p.intent;
    if (!ok) misses.push({ language: p.language, set: p.set, text: p.text, expected: p.intent, got });
    for (const lang of [p.language, '*']) for (const split of [p.set, 'all']) bump(`${lang}/${split}`, ok);
  }
  const get = (lang: string, split: Split) => acc(counts.get(`${lang}/${split}`)?.right ?? 0, counts.get(`${lang}/${split}`)?.total ?? 0);
  const languages = [...new Set(phrases.map((p) => p.language))].sort();
  const byLanguage = Object.fromEntries(languages.map((l) => [l, { tune: get(l, 'tune'), holdout: get(l, 'holdout'), all: get(l, 'all') }]));
  return { byLanguage, overall: { tune: get('*', 'tune'), holdout: get('*', 'holdout'), all: get('*', 'all') }, misses };
}
