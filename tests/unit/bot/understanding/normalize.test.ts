import { canonical, foldArabic, foldDiacritics, normalize } from '../../../../src/bot/understanding/normalize';
import { arabicVariants, tokenize } from '../../../../src/bot/understanding/tokens';

describe('normalisation', () => {
  it.each([
    ['Téléphone PERDU', 'telephone perdu'],
    ['Ich bekomme keine Push-Benachrichtigung!', 'ich bekomme keine push benachrichtigung'],
    ['Straße', 'strasse'],
    ['błąd, zły kod', 'blad zly kod'],
    ['código expiró', 'codigo expiro'],
    ['NOTIFICAÇÃO', 'notificacao'],
    ["je n'ai plus de téléphone", 'je n ai plus de telephone'],
    ["I don't get it", 'i do not get it'],
    ['I can’t sign in', 'i ca not sign in'],
  ])('"%s" reads as "%s"', (text, expected) => {
    expect(normalize(text)).toBe(expected);
  });

  it('full-width letters and digits become ASCII (NFKC), so pasted codes are found', () => {
    expect(canonical('ＡＡＤＳＴＳ５００１１')).toBe('aadsts50011');
    expect(normalize('ＱＲコード')).toBe('qrコード');
  });

  it('half-width katakana become full-width, and the voicing marks of Japanese are kept', () => {
    expect(normalize('ｺｰﾄﾞ')).toBe('コード');
    expect(foldDiacritics('ガイド')).toBe('ガイド');
  });

  it('Arabic: tatweel and harakat are removed and the alef, ya and ta marbuta forms unified', () => {
    expect(foldArabic('إشعـــار')).toBe('اشعار');
    expect(foldArabic('الرِّسَالَة')).toBe('الرساله');
    expect(foldArabic('انتهى')).toBe('انتهي');
  });

  it('Arabic-Indic digits become ASCII digits', () => {
    expect(canonical('خطأ ٥٣٠٠٣')).toBe('خطأ 53003');
  });
});

describe('tokens', () => {
  it('Arabic words carry their forms without clitics and possessive endings', () => {
    expect(arabicVariants('وهاتفي')).toEqual(expect.arrayContaining(['وهاتفي', 'هاتفي', 'هاتف']));
    expect(arabicVariants('phone')).toEqual(['phone']);
  });

  it('Japanese and Chinese text is kept without spaces for substring and bigram matching, Latin words stay words', () => {
    const t = tokenize('Authenticatorアプリが 動かない');
    expect(t.words.map((w) => w[0])).toEqual(['authenticator']);
    expect(t.dense).toBe('authenticatorアプリが動かない');
    expect(t.bigrams.has('動か')).toBe(true);
  });
});
