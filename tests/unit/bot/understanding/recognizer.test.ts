/**
 * The multilingual recogniser: the brief's examples in every language, the keyword recogniser's
 * cases (nothing it understood is lost), and the phrase set per language (≥ 95 %).
 */
import { createKeywordIntentRecognizer, type Intent } from '../../../../src/bot/intent';
import { INTENT_LABELS, LexiconSchema, loadUnderstandingData } from '../../../../src/bot/understanding/lexicon';
import { MODEL_LABELS, SYSTEM_PROMPT } from '../../../../src/bot/understanding/modelAnswer';
import { compileTerm, termQuality } from '../../../../src/bot/understanding/terms';
import { tokenize } from '../../../../src/bot/understanding/tokens';
import { createMultilingualIntentRecognizer } from '../../../../src/bot/understanding/recognizer';
import { extractErrorCodes } from '../../../../src/diagnosis/errorCodes';
import { evaluate, loadPhrases } from '../../../../bench/support/phrases';

const recognizer = createMultilingualIntentRecognizer({ extractErrorCodes });
const symptom = (s: string) => ({ kind: 'symptom', symptom: s });

describe('multilingual recogniser: the same intents in every language', () => {
  it.each<[string, string, unknown]>([
    ['en', 'my authenticator app is not working', symptom('authenticator_not_working')],
    ['en', 'I never get the push notification', symptom('push_not_arriving')],
    ['en', 'the code expired', symptom('code_expired')],
    ['de', 'Ich bekomme keine Push-Benachrichtigung', symptom('push_not_arriving')],
    ['de', 'Mein Handy ist neu', symptom('new_phone')],
    ['fr', "je n'ai plus de téléphone", symptom('no_phone')],
    ['fr', 'le code a expiré', symptom('code_expired')],
    ['es', 'el código expiró', symptom('code_expired')],
    ['es', 'mi cuenta está bloqueada', symptom('locked')],
    ['pt-BR', 'não recebo a notificação', symptom('push_not_arriving')],
    ['it', 'il codice QR non si scansiona', symptom('qr_code')],
    ['nl', 'mijn beveiligingssleutel werkt niet', symptom('security_key')],
    ['pl', 'mam nowy telefon', symptom('new_phone')],
    ['ja', '認証アプリが動かない', symptom('authenticator_not_working')],
    ['ja', 'パスキーが拒否される', symptom('passkey')],
    ['zh-CN', '收不到短信', symptom('text_message')],
    ['zh-CN', '设备太多了', symptom('too_many_devices')],
    ['ar', 'تم رفض الوصول', symptom('blocked')],
    ['ar', 'انتهت الجلسة', symptom('session_expired')],
  ])('[%s] "%s"', (_lang, text, intent) => {
    expect(recognizer.recognize(text)).toEqual(intent);
  });

  it('typos, missing accents and mixed case are tolerated', () => {
    expect(recognizer.recognize('i never recieve the notifcation')).toEqual(symptom('push_not_arriving'));
    expect(recognizer.recognize('TELEFONO NUEVO')).toEqual(symptom('new_phone'));
    expect(recognizer.recognize('Authentcator app funktionirt nicht')).toEqual(symptom('authenticator_not_working'));
  });

  it('error codes in any script are codes: full-width digits, Arabic-Indic digits, a local word for "error"', () => {
    expect(recognizer.recognize('ＡＡＤＳＴＳ５００１１')).toEqual({ kind: 'errorCode', codes: ['50011'] });
    expect(recognizer.recognize('خطأ ٥٣٠٠٣')).toEqual({ kind: 'errorCode', codes: ['53003'] });
    expect(recognizer.recognize('Fehler 12345 beim Anmelden')).toEqual({ kind: 'errorCode', codes: ['12345'] });
    expect(recognizer.recognize('エラー 135011')).toEqual({ kind: 'errorCode', codes: ['135011'] });
  });

  it('a passkey wish names the provider and device in any language; a security key is the provider when no brand is named', () => {
    expect(recognizer.recognize('Ich möchte einen Passkey auf meinem iPhone einrichten')).toEqual({ kind: 'passkeySetup', device: 'iOS' });
    expect(recognizer.recognize('quiero registrar una llave de seguridad')).toEqual({ kind: 'passkeySetup', provider: 'securityKey' });
  });

  it('text about something else is not understood', () => {
    for (const text of ['', 'what is for lunch', '¿qué hora es?', '今日は晴れです', 'mi telefono no tiene internet']) expect(recognizer.recognize(text)).toEqual({ kind: 'unknown' });
  });

  it('explains its answer: the concepts found and the winning score', () => {
    const scored = recognizer.explain('I never get the push notification');
    expect(Object.keys(scored.concepts)).toEqual(expect.arrayContaining(['PUSH', 'NEG']));
    expect(scored.score).toBeGreaterThan(1);
  });
});

describe('multilingual recogniser keeps what the keyword recogniser understood', () => {
  const keyword = createKeywordIntentRecognizer({ extractErrorCodes });
  it.each([
    'hi', 'Hello!', 'help', 'start over', 'Restart.', 'AADSTS53003', 'Error code: 53003', 'Something went wrong. 0x801c0003',
    'my session expired', 'the sign-in timed out', 'too many devices', 'I hit the device limit', 'the QR code will not scan',
    'I got a new phone', 'my new phone cannot scan the QR code', 'I lost my phone', 'my security key is not recognised',
    'YubiKey does nothing', 'my passkey fails', 'set up a passkey', 'I want a passkey in Authenticator on my iPhone',
    'register my YubiKey on my MacBook', 'Windows Hello', 'passkey in 1Password', 'it says I am blocked', 'my account is locked',
    'no text message arrives', 'SMS never comes', 'it does not work', 'call me on +44 20 7946 0958 in 2026', "I can't set up MFA",
  ])('"%s"', (text) => {
    const expected: Intent = keyword.recognize(text);
    expect(recognizer.recognize(text)).toEqual(expected);
  });
});

describe('lexicons', () => {
  const data = loadUnderstandingData();
  const used = new Set(data.rules.flatMap((r) => [...r.all.flatMap((a) => a.split('|')), ...r.none]));
  const optional = new Set(['PHONECHANGE', 'NOPHONE', 'DEVICELIMIT']);

  it('every intent and symptom is concluded by at least one rule, and the model\'s instructions name every label', () => {
    const concluded = new Set(data.rules.map((r) => r.intent));
    expect(INTENT_LABELS.filter((l) => !concluded.has(l))).toEqual([]);
    expect(MODEL_LABELS.filter((l) => !SYSTEM_PROMPT.includes(l.replace(/^symptom:/, '')))).toEqual([]);
  });

  it('a term with a star anywhere but at the end of a word or around it is refused with its place', () => {
    expect(LexiconSchema.safeParse({ language: 'xx', name: 'X', concepts: { PHONE: ['*phone'] } }).success).toBe(false);
    expect(LexiconSchema.safeParse({ language: 'xx', name: 'X', concepts: { PHONE: ['phone*', '*fon*', 'cell phone'] } }).success).toBe(true);
  });

  it.each(data.lexicons.map((l) => [l.language, l] as const))('%s: every term, written out, matches itself exactly', (_lang, lex) => {
    const bad: string[] = [];
    for (const terms of Object.values(lex.concepts)) {
      for (const raw of terms) {
        const term = compileTerm(raw);
        if (!term || termQuality(tokenize(raw.replace(/\*/g, '')), term) !== 1) bad.push(raw);
      }
    }
    expect(bad).toEqual([]);
  });

  it('there is one lexicon per supported language', () => {
    expect(data.lexicons.map((l) => l.language).sort()).toEqual(['ar', 'de', 'en', 'es', 'fr', 'it', 'ja', 'nl', 'pl', 'pt-BR', 'zh-CN']);
  });

  it.each(data.lexicons.map((l) => [l.language, l] as const))('%s defines every concept the rules use, and only those', (_lang, lex) => {
    const defined = new Set(Object.keys(lex.concepts));
    expect([...used].filter((c) => !optional.has(c) && !defined.has(c))).toEqual([]);
    expect([...defined].filter((c) => !used.has(c))).toEqual([]);
  });
});

describe('phrase set (tests/fixtures/phrases)', () => {
  const phrases = loadPhrases();
  const result = evaluate(phrases, (t) => recognizer.recognize(t));

  it('has at least 220 phrases, 10 per intent, in every language', () => {
    expect(phrases.length).toBeGreaterThanOrEqual(220);
    const perIntent = new Map<string, number>();
    for (const p of phrases) perIntent.set(p.intent, (perIntent.get(p.intent) ?? 0) + 1);
    expect([...perIntent].filter(([, n]) => n < 10)).toEqual([]);
    expect(Object.keys(result.byLanguage)).toHaveLength(11);
  });

  it.each(Object.entries(result.byLanguage))('%s: at least 95 %% of the tuning phrases and 90 %% of the held-out ones are understood', (_lang, acc) => {
    expect(acc.tune.ratio).toBeGreaterThanOrEqual(0.95);
    expect(acc.holdout.ratio).toBeGreaterThanOrEqual(0.9);
  });
});
