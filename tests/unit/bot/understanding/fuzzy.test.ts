import { allowedEdits, damerauLevenshtein, fuzzyEquals, fuzzyStartsWith } from '../../../../src/bot/understanding/fuzzy';

describe('Damerau-Levenshtein distance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['notification', 'notifcation', 1],
    ['recieve', 'receive', 1],
    ['ca', 'ac', 1],
    ['abcdef', 'badcfe', 3],
    ['認証', '認証', 0],
    ['مصادقه', 'مصادقة', 1],
  ])('%s → %s is %i', (a, b, d) => {
    expect(damerauLevenshtein(a, b)).toBe(d);
    expect(damerauLevenshtein(b, a)).toBe(d);
  });

  it('stops early once the distance exceeds the bound', () => {
    expect(damerauLevenshtein('authenticator', 'xy', 2)).toBe(3);
    expect(damerauLevenshtein('abcdefgh', 'zyxwvuts', 1)).toBe(2);
  });

  it('counts code points, not UTF-16 units', () => {
    expect(damerauLevenshtein('𠀋a', 'a')).toBe(1);
  });
});

describe('length-scaled tolerance', () => {
  it('short words must be exact, longer ones allow one and then two slips', () => {
    expect([3, 4, 5, 7, 8, 14].map(allowedEdits)).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it.each([
    ['no', 'on', false],
    ['code', 'cod', false],
    ['phnoe', 'phone', true],
    ['telefon', 'telefono', true],
    ['benachrichtgung', 'benachrichtigung', true],
    ['benachrichtigung', 'bestätigung', false],
  ])('"%s" ≈ "%s": %s', (token, word, expected) => {
    expect(fuzzyEquals(token, word)).toBe(expected);
  });

  it('stems match any ending, with at most one slip in the stem', () => {
    expect(fuzzyStartsWith('expired', 'expir')).toBe(true);
    expect(fuzzyStartsWith('exipred', 'expir')).toBe(true);
    expect(fuzzyStartsWith('notifcations', 'notificat')).toBe(true);
    expect(fuzzyStartsWith('explain', 'expir')).toBe(false);
    expect(fuzzyStartsWith('lok', 'lock')).toBe(false);
    expect(fuzzyStartsWith('internet', 'interdit')).toBe(false);
  });
});
