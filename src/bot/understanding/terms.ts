/**
 * Compiled lexicon terms and how well a message contains one: 1 for an exact (or stem, or
 * compound-part) match, 0.8 when a word needed the fuzzy tolerance, 0.7 when a CJK term was found
 * only by its character bigrams, 0 when absent.
 */
import { fuzzyEquals, fuzzyStartsWith } from './fuzzy';
import { normalize } from './normalize';
import { bigramsOf, isCjk, type Tokens } from './tokens';

type Mode = 'exact' | 'prefix' | 'contains';
interface WordPattern {
  text: string;
  mode: Mode;
}
export type Term = { kind: 'cjk'; text: string; bigrams: string[] } | { kind: 'words'; words: WordPattern[] };

export const FUZZY = 0.8;
export const BIGRAM = 0.7;

export function compileTerm(raw: string): Term | undefined {
  const normalized = normalize(raw.replace(/\*/g, ' '));
  if (isCjk(normalized)) {
    const text = normalized.replace(/ /g, '');
    return { kind: 'cjk', text, bigrams: bigramsOf(text) };
  }
  const words: WordPattern[] = [];
  for (const piece of raw.trim().split(/\s+/)) {
    const head = piece.startsWith('*');
    const tail = piece.endsWith('*');
    const parts = normalize(piece.replace(/\*/g, '')).split(' ').filter((p) => p.length > 0);
    parts.forEach((text, i) => {
      const last = i === parts.length - 1;
      const mode: Mode = head && tail && parts.length === 1 ? 'contains' : tail && last ? 'prefix' : 'exact';
      words.push({ text, mode });
    });
  }
  return words.length > 0 ? { kind: 'words', words } : undefined;
}

function wordQuality(variants: readonly string[], p: WordPattern): number {
  let best = 0;
  for (const v of variants) {
    if (p.mode === 'exact') {
      if (v === p.text) return 1;
      if (fuzzyEquals(v, p.text)) best = FUZZY;
    } else if (p.mode === 'prefix') {
      if (v.startsWith(p.text)) return 1;
      if (fuzzyStartsWith(v, p.text)) best = FUZZY;
    } else if (v.includes(p.text)) {
      return 1;
    }
  }
  return best;
}

/** Quality of the words in order from token `start`, one other word allowed between two. */
function sequenceFrom(words: readonly string[][], start: number, pattern: readonly WordPattern[], first: number): number {
  let quality = first;
  let at = start;
  for (let k = 1; k < pattern.length; k++) {
    const p = pattern[k];
    if (!p) break;
    const near = words[at + 1];
    let q = near ? wordQuality(near, p) : 0;
    if (q > 0) at += 1;
    else {
      const far = words[at + 2];
      q = far ? wordQuality(far, p) : 0;
      if (q === 0) return 0;
      at += 2;
    }
    if (q < quality) quality = q;
  }
  return quality;
}

export function termQuality(tokens: Tokens, term: Term): number {
  if (term.kind === 'cjk') {
    if (tokens.dense.includes(term.text)) return 1;
    if (term.bigrams.length < 2) return 0;
    const found = term.bigrams.filter((b) => tokens.bigrams.has(b)).length;
    return found / term.bigrams.length >= 0.6 ? BIGRAM : 0;
  }
  const head = term.words[0];
  if (!head) return 0;
  let best = 0;
  for (let i = 0; i < tokens.words.length && best < 1; i++) {
    const token = tokens.words[i];
    const first = token ? wordQuality(token, head) : 0;
    if (first > best) best = Math.max(best, sequenceFrom(tokens.words, i, term.words, first));
  }
  return best;
}
