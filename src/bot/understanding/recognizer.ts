/**
 * The multilingual deterministic recogniser: error codes first (in any script: full-width and
 * Arabic-Indic digits, "Fehler 53003"), then the rules of rules.json scored against the concepts
 * the lexicons find in the message; the best rule wins (ties: the heavier rule, then the earlier
 * one), below `MIN_SCORE` the message is not understood. Rules are tried heaviest first and the
 * search stops when no remaining rule can win, so concepts are looked up only when they matter.
 */
import type { Intent, Symptom, SyncIntentRecognizer } from '../intent';
import { passkeyHints } from '../passkeys/intent';
import { loadUnderstandingData, type Rule, type RuleIntent, type UnderstandingData } from './lexicon';
import { canonical, normalize } from './normalize';
import { compileTerm, termQuality, type Term } from './terms';
import { isCjk, tokensOfNormalized, type Tokens } from './tokens';

export const MIN_SCORE = 0.6;

export interface Scored {
  intent: Intent;
  /** The winning rule's score (weight × the weakest concept match); 0 when nothing matched. */
  score: number;
  /** Concepts found, with their match quality (for tests and the benchmark). */
  concepts: Record<string, number>;
}

export interface MultilingualRecognizer extends SyncIntentRecognizer {
  explain(text: string): Scored;
}

export interface MultilingualDeps {
  extractErrorCodes(text: string): string[];
  data?: UnderstandingData;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compileConcepts(data: UnderstandingData): Map<string, Term[]> {
  const out = new Map<string, Term[]>();
  for (const lex of data.lexicons) {
    for (const [concept, raws] of Object.entries(lex.concepts)) {
      const list = out.get(concept) ?? [];
      for (const raw of raws) {
        const term = compileTerm(raw);
        if (term) list.push(term);
      }
      out.set(concept, list);
    }
  }
  return out;
}

/** "Fehler 53003", "エラー 53003", "código: 53003": error numbers after a word of any lexicon. */
function errorWordPattern(data: UnderstandingData): RegExp | undefined {
  const words = [...new Set(data.lexicons.flatMap((l) => l.errorWords.map((w) => canonical(w))))];
  if (words.length === 0) return undefined;
  return new RegExp(`(?:${words.map(escapeRe).join('|')})[\\s:#=：]*(\\d{5,6})(?!\\d)`, 'gu');
}

function wordCount(tokens: Tokens): number {
  const cjk = Array.from(tokens.dense).filter((c) => isCjk(c)).length;
  return tokens.words.length + Math.ceil(cjk / 3);
}

function toIntent(label: RuleIntent, text: string, has: (c: string) => number): Intent {
  if (label === 'greeting' || label === 'restart' || label === 'help') return { kind: label };
  if (label === 'passkeySetup') {
    const hints = passkeyHints(text);
    return hints.provider || has('PASSKEY') > 0 || has('SECKEY') === 0 ? hints : { ...hints, provider: 'securityKey' };
  }
  return { kind: 'symptom', symptom: label.slice('symptom:'.length) as Symptom };
}

export function createMultilingualIntentRecognizer(deps: MultilingualDeps): MultilingualRecognizer {
  const data = deps.data ?? loadUnderstandingData();
  const concepts = compileConcepts(data);
  const errorWords = errorWordPattern(data);
  const rules = data.rules.map((rule, order) => ({ rule, order })).sort((a, b) => b.rule.weight - a.rule.weight || a.order - b.order).map((r) => r.rule);

  function codesIn(text: string): string[] {
    const canon = canonical(text);
    const codes = deps.extractErrorCodes(canon);
    if (errorWords) for (const m of canon.matchAll(errorWords)) if (m[1] && !codes.includes(String(Number(m[1])))) codes.push(String(Number(m[1])));
    return codes;
  }

  function explain(input: string): Scored {
    const text = input.slice(0, 2000);
    const codes = codesIn(text);
    const tokens = tokensOfNormalized(normalize(text));
    const found = new Map<string, number>();
    const has = (c: string): number => {
      let q = found.get(c);
      if (q === undefined) {
        q = 0;
        for (const term of concepts.get(c) ?? []) if ((q = Math.max(q, termQuality(tokens, term))) === 1) break;
        found.set(c, q);
      }
      return q;
    };
    const score = (rule: Rule): number => {
      if (rule.maxWords !== undefined && wordCount(tokens) > rule.maxWords) return 0;
      if (rule.none.some((c) => has(c) > 0)) return 0;
      let weakest = 1;
      for (const entry of rule.all) {
        const q = Math.max(...entry.split('|').map(has));
        if (q === 0) return 0;
        weakest = Math.min(weakest, q);
      }
      return rule.weight * weakest;
    };
    let best: { rule: Rule; score: number } | undefined;
    for (const rule of rules) {
      if (best && rule.weight <= best.score) break;
      const s = score(rule);
      if (s > 0 && (!best || s > best.score)) best = { rule, score: s };
    }
    const seen = Object.fromEntries([...found].filter(([, q]) => q > 0));
    if (codes.length > 0) return { intent: { kind: 'errorCode', codes }, score: 1, concepts: seen };
    if (!best || best.score < MIN_SCORE) return { intent: { kind: 'unknown' }, score: best?.score ?? 0, concepts: seen };
    return { intent: toIntent(best.rule.intent, text, has), score: best.score, concepts: seen };
  }

  return { recognize: (text) => explain(text).intent, explain };
}
