/**
 * Text normalisation before matching: Unicode NFKC (full-width letters and digits become ASCII,
 * half-width katakana become full-width), lower case, accents and other diacritics folded away
 * (é → e, ł → l, ß → ss), Arabic tatweel and harakat removed and the alef, ya and ta marbuta
 * forms unified, English contractions opened ("don't" → "do not"), and punctuation turned into
 * spaces. Pure, no locale data.
 */

/** Letters that NFD does not decompose into a base letter plus a combining mark. */
const FOLD: Readonly<Record<string, string>> = { ß: 'ss', ł: 'l', ø: 'o', đ: 'd', æ: 'ae', œ: 'oe', ı: 'i', ħ: 'h' };

/** Arabic: harakat, superscript alef and Quranic marks (U+0610–061A, 064B–065F, 0670, 06D6–06ED), tatweel (U+0640). */
const ARABIC_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;
const ARABIC_LETTERS: ReadonlyArray<[RegExp, string]> = [
  [/[\u0622\u0623\u0625\u0671]/g, '\u0627'], // آ أ إ ٱ → ا
  [/\u0649/g, '\u064A'], // ى → ي
  [/\u0629/g, '\u0647'], // ة → ه
  [/\u0624/g, '\u0648'], // ؤ → و
  [/\u0626/g, '\u064A'], // ئ → ي
];

/** Arabic-Indic and Persian digits → ASCII (error codes may be typed with them). */
function asciiDigits(s: string): string {
  return s.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String((d.codePointAt(0) ?? 0) & 0xf));
}

export function foldArabic(s: string): string {
  let out = s.replace(ARABIC_MARKS, '');
  for (const [re, to] of ARABIC_LETTERS) out = out.replace(re, to);
  return out;
}

/** NFKC, digits, lower case: the form error codes are extracted from (keeps the punctuation they need). */
export function canonical(text: string): string {
  return asciiDigits(text.normalize('NFKC')).toLowerCase();
}

/** Accents and diacritics off: NFD, drop combining marks, fold the letters NFD leaves alone. */
export function foldDiacritics(s: string): string {
  // Keep the Japanese voicing marks (゙ ゚ U+3099/U+309A): they change the word, not its accent.
  const stripped = s.normalize('NFD').replace(/(?![\u3099\u309A])\p{M}/gu, '').normalize('NFC');
  return stripped.replace(/[ßłøđæœıħ]/g, (c) => FOLD[c] ?? c);
}

/** The matching form of a message: canonical, folded, contractions opened, punctuation → space. */
export function normalize(text: string): string {
  const folded = foldDiacritics(foldArabic(canonical(text)));
  return folded
    .replace(/[’‘`´]/g, "'")
    .replace(/n't\b/g, ' not')
    .replace(/'/g, ' ')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
