/**
 * Fuzzy word matching: Damerau-Levenshtein distance (optimal string alignment: insert, delete,
 * substitute, swap two neighbours) over code points, with a threshold that grows with the word's
 * length, so "notifcation" and "benachrichtigung" with one slip still match but "no" never
 * matches "on".
 */

/** Edits tolerated for a word of `length` code points: none up to 4, one up to 7, two from 8. */
export function allowedEdits(length: number): number {
  if (length <= 4) return 0;
  if (length <= 7) return 1;
  return 2;
}

/** The last row of the optimal-string-alignment table of `s` against `t`, or undefined once every cell exceeds `max`. */
function lastRow(s: readonly string[], t: readonly string[], max: number): number[] | undefined {
  let before: number[] = [];
  let prev: number[] = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, (before[j - 2] ?? 0) + 1);
      row.push(d);
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return undefined;
    before = prev;
    prev = row;
  }
  return prev;
}

/**
 * Distance between `a` and `b`, or `max + 1` as soon as it is certain to exceed `max`
 * (the rows are cut off early, so long unrelated words cost little).
 */
export function damerauLevenshtein(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  const s = Array.from(a);
  const t = Array.from(b);
  if (Math.abs(s.length - t.length) > max) return max + 1;
  if (s.length === 0) return t.length;
  if (t.length === 0) return s.length;
  return lastRow(s, t, max)?.[t.length] ?? max + 1;
}

/** Cheap pre-check: a word with one or two slips still shares a letter near its start with the token. */
function mayBeClose(token: string, word: string): boolean {
  const head = token.slice(0, 3);
  return head.includes(word.charAt(0)) || head.includes(word.charAt(1));
}

/** Whether `token` is `word` with at most the tolerated number of slips. */
export function fuzzyEquals(token: string, word: string): boolean {
  const max = allowedEdits(Array.from(word).length);
  if (max === 0 || Math.abs(token.length - word.length) > max || !mayBeClose(token, word)) return token === word;
  return damerauLevenshtein(token, word, max) <= max;
}

/**
 * Whether `token` begins with `stem`, allowing one slip in a stem of 5+ letters: the stem is compared with the
 * token's first stem-length (±1) code points, so "expried" matches "expir*" and "notifcat" "notificat*".
 */
export function fuzzyStartsWith(token: string, stem: string): boolean {
  if (token.startsWith(stem)) return true;
  const s = Array.from(stem);
  // At most one slip in a stem: the token goes on after it, so two would match too much ("internet" ~ "interdit*").
  const max = Math.min(1, allowedEdits(s.length));
  if (max === 0 || token.length < s.length - 1 || !mayBeClose(token, stem)) return false;
  const t = Array.from(token).slice(0, s.length + 1);
  const row = lastRow(s, t, max);
  if (!row) return false;
  return [s.length - 1, s.length, s.length + 1].some((j) => j >= 1 && j < row.length && (row[j] ?? max + 1) <= max);
}
