/**
 * The data the recogniser reads: one lexicon per language (`lexicon/<language>.json`: the words
 * of each concept, such as PHONE or NEG) and one table of rules (`rules.json`: which concepts
 * together mean which intent). A new language is a new lexicon file; the rules are shared.
 *
 * Term syntax: words separated by spaces must follow each other (one other word may sit in
 * between); `stem*` matches any ending, `*part*` matches inside a word (compounds);
 * terms in Japanese or Chinese are matched without spaces.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SYMPTOMS, type Symptom } from '../intent';

const CONCEPT = z.string().regex(/^[A-Z][A-Z0-9_]*$/);
/** Words; `*` only at the end of a word (`stem*`) or around it (`*part*`). */
const TERM = z
  .string()
  .min(1)
  .refine((t) => t.trim().split(/\s+/).every((w) => /^(\*[^*]+\*|[^*]+\*?)$/.test(w)), 'a star goes at the end of a word (stem*) or around it (*part*)');

export const LexiconSchema = z
  .object({
    language: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/),
    name: z.string().min(1),
    /** Words that introduce an error number in this language ("Fehler 53003"). */
    errorWords: z.array(z.string().min(1)).default([]),
    concepts: z.record(CONCEPT, z.array(TERM).min(1)),
  })
  .strict();
export type Lexicon = z.infer<typeof LexiconSchema>;

/** What a rule can conclude: the intents without data, and every symptom as `symptom:<name>`. */
export type RuleIntent = 'greeting' | 'restart' | 'help' | 'passkeySetup' | `symptom:${Symptom}`;
export const INTENT_LABELS: readonly RuleIntent[] = ['greeting', 'restart', 'help', 'passkeySetup', ...SYMPTOMS.map((s) => `symptom:${s}` as const)];
export const isRuleIntent = (v: unknown): v is RuleIntent => typeof v === 'string' && (INTENT_LABELS as readonly string[]).includes(v);

export const RuleSchema = z
  .object({
    intent: z.custom<RuleIntent>(isRuleIntent, 'unknown intent'),
    /** Every entry must be present; `A|B` means either concept. */
    all: z.array(z.string().regex(/^[A-Z][A-Z0-9_]*(\|[A-Z][A-Z0-9_]*)*$/)).min(1),
    /** None of these may be present. */
    none: z.array(CONCEPT).default([]),
    weight: z.number().positive(),
    /** Only for short messages ("hi", "help", "start over"). */
    maxWords: z.number().int().positive().optional(),
  })
  .strict();
export type Rule = z.infer<typeof RuleSchema>;

export const RulesSchema = z.object({ rules: z.array(RuleSchema).min(1) }).strict();

/** `understanding/` (this file's folder) when run from src; the src copy when run from dist. */
export function defaultDataDir(): string {
  const candidates = [__dirname, path.resolve(__dirname, '..', '..', '..', '..', 'src', 'bot', 'understanding')];
  return candidates.find((d) => fs.existsSync(path.join(d, 'rules.json'))) ?? __dirname;
}

export interface UnderstandingData {
  lexicons: Lexicon[];
  rules: Rule[];
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
}

/** Reads rules.json and every lexicon/*.json; a malformed file fails with its name. */
export function loadUnderstandingData(dir: string = defaultDataDir()): UnderstandingData {
  const rules = RulesSchema.parse(readJson(path.join(dir, 'rules.json'))).rules;
  const lexDir = path.join(dir, 'lexicon');
  const lexicons = fs
    .readdirSync(lexDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const parsed = LexiconSchema.safeParse(readJson(path.join(lexDir, f)));
      if (!parsed.success) throw new Error(`lexicon ${f}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return parsed.data;
    });
  return { lexicons, rules };
}
