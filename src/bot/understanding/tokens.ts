/**
 * Tokens of a normalised message. Words are split on spaces; each word carries its variants
 * (Arabic: without the clitics و ف ب ل ك ال and the possessive endings, so "وهاتفي" also reads
 * "هاتف"). Japanese and Chinese are not spaced: their terms are matched against the message
 * with spaces removed, and, for terms of three characters or more, by character bigrams.
 */
import { normalize } from './normalize';

export interface Tokens {
  /** Each word with its variants (the word itself first). */
  words: string[][];
  /** The message without spaces (for CJK terms, which are written without spaces). */
  dense: string;
  /** Character bigrams of `dense`. */
  bigrams: Set<string>;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30FC]/u;
const ARABIC = /\p{Script=Arabic}/u;
const ARABIC_PREFIXES = ['وال', 'بال', 'فال', 'كال', 'لل', 'ال', 'و', 'ف', 'ب', 'ل', 'ك'];
const ARABIC_SUFFIXES = ['كم', 'هم', 'ها', 'نا', 'ات', 'ون', 'ين', 'ي', 'ه', 'ك'];

export function isCjk(s: string): boolean {
  return CJK.test(s);
}

/** The word and its forms without Arabic clitics (the stripped form keeps at least 2 letters). */
export function arabicVariants(word: string): string[] {
  const out = new Set<string>([word]);
  if (!ARABIC.test(word)) return [word];
  const stems = new Set<string>([word]);
  for (const p of ARABIC_PREFIXES) if (word.startsWith(p) && word.length - p.length >= 2) stems.add(word.slice(p.length));
  for (const stem of stems) {
    out.add(stem);
    for (const s of ARABIC_SUFFIXES) if (stem.endsWith(s) && stem.length - s.length >= 2) out.add(stem.slice(0, -s.length));
  }
  return [...out];
}

export function bigramsOf(s: string): string[] {
  const chars = Array.from(s);
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i] ?? ''}${chars[i + 1] ?? ''}`);
  return out;
}

/** Splits a word where the script changes between CJK and the rest ("qrコード" stays one word for `dense`). */
function splitScripts(word: string): string[] {
  return word.split(/(?<=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30FC])(?=[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30FC])|(?<=[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30FC])(?=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30FC])/u);
}

/** Tokens of already normalised text. */
export function tokensOfNormalized(text: string): Tokens {
  const words = text
    .split(' ')
    .flatMap(splitScripts)
    .filter((w) => w.length > 0 && !isCjk(w))
    .map(arabicVariants);
  const dense = text.replace(/ /g, '');
  return { words, dense, bigrams: new Set(bigramsOf(dense)) };
}

export function tokenize(text: string): Tokens {
  return tokensOfNormalized(normalize(text));
}
