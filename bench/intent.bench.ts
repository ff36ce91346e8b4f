/**
 * Intent benchmark: the labelled phrase set (tests/fixtures/phrases, 11 languages) through today's
 * keyword recogniser (the baseline) and the multilingual recogniser, in the same run. Prints
 * accuracy per language for the tuning and the held-out split, the ratio new/baseline, the time
 * per message, and writes bench/results/intent.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createKeywordIntentRecognizer, type Intent } from '../src/bot/intent';
import { createMultilingualIntentRecognizer } from '../src/bot/understanding/recognizer';
import { extractErrorCodes } from '../src/diagnosis/errorCodes';
import { evaluate, loadPhrases, packageRoot, type Evaluation, type Phrase } from './support/phrases';

const TARGET = 0.95;

function timed(phrases: readonly Phrase[], recognize: (t: string) => Intent): { evaluation: Evaluation; usPerMessage: number } {
  for (const p of phrases.slice(0, 20)) recognize(p.text); // warm-up
  const started = performance.now();
  const evaluation = evaluate(phrases, recognize);
  return { evaluation, usPerMessage: Math.round(((performance.now() - started) * 1000) / phrases.length) };
}

const pct = (r: number) => `${(r * 100).toFixed(1)}%`.padStart(7);

export async function run(): Promise<unknown> {
  const phrases = loadPhrases();
  const baseline = timed(phrases, createKeywordIntentRecognizer({ extractErrorCodes }).recognize);
  const multilingual = timed(phrases, createMultilingualIntentRecognizer({ extractErrorCodes }).recognize);
  const languages = Object.keys(multilingual.evaluation.byLanguage);
  const holdout = phrases.filter((p) => p.set === 'holdout').length;
  process.stdout.write(`${phrases.length} phrases (${phrases.length - holdout} tuning, ${holdout} held out), ${languages.length} languages\n`);
  process.stdout.write(`language   baseline tune / held-out   multilingual tune / held-out   ratio (all)\n`);
  for (const lang of [...languages, '*']) {
    const b = lang === '*' ? baseline.evaluation.overall : baseline.evaluation.byLanguage[lang];
    const m = lang === '*' ? multilingual.evaluation.overall : multilingual.evaluation.byLanguage[lang];
    if (!b || !m) continue;
    const ratio = b.all.ratio === 0 ? '∞' : (m.all.ratio / b.all.ratio).toFixed(1);
    const flag = m.holdout.ratio < TARGET || m.tune.ratio < TARGET ? '  < target' : '';
    process.stdout.write(`${(lang === '*' ? 'all' : lang).padEnd(9)} ${pct(b.tune.ratio)} / ${pct(b.holdout.ratio)}            ${pct(m.tune.ratio)} / ${pct(m.holdout.ratio)}               ${ratio}${flag}\n`);
  }
  process.stdout.write(`time per message: baseline ${baseline.usPerMessage} µs, multilingual ${multilingual.usPerMessage} µs\n`);
  for (const miss of multilingual.evaluation.misses) process.stdout.write(`  miss [${miss.language}/${miss.set}] "${miss.text}": expected ${miss.expected}, got ${miss.got}\n`);
  const result = {
    setup: { phrases: phrases.length, holdout, languages, target: TARGET },
    baseline: { ...baseline.evaluation, misses: baseline.evaluation.misses.length, usPerMessage: baseline.usPerMessage },
    multilingual: { ...multilingual.evaluation, usPerMessage: multilingual.usPerMessage },
  };
  const out = join(packageRoot(), 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'intent.json'), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}
