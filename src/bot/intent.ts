/**
 * The intents free text maps to, the `IntentRecognizer` seam, and the first recogniser: error
 * codes first, then a table of English symptom phrases. It is kept as the baseline the
 * multilingual recogniser (./understanding) is measured against (bench/intent.bench.ts).
 */
import type { MethodKind } from '../diagnosis/facts';
import { recognizePasskeySetup, type PasskeySetupIntent } from './passkeys/intent';

export const SYMPTOMS = [
  'session_expired',
  'too_many_devices',
  'qr_code',
  'new_phone',
  'security_key',
  'passkey',
  'blocked',
  'locked',
  'text_message',
  /** The Authenticator prompt (push notification) never shows up. */
  'push_not_arriving',
  /** A one-time code is refused as expired or wrong (usually the phone's clock). */
  'code_expired',
  'authenticator_not_working',
  /** No phone at hand at all (lost for good, none owned): the pass path. */
  'no_phone',
] as const;
export type Symptom = (typeof SYMPTOMS)[number];

export type Intent =
  | { kind: 'greeting' }
  | { kind: 'restart' }
  | { kind: 'errorCode'; codes: string[] }
  | { kind: 'symptom'; symptom: Symptom }
  /** About MFA set-up in general ("I can't set up MFA"): the guided start. */
  | { kind: 'help' }
  /** "I want a passkey / security key / Windows Hello" (not a problem report): the passkey guide. */
  | PasskeySetupIntent
  | { kind: 'unknown' };

export interface IntentRecognizer {
  /** The deterministic recognisers answer at once; a language model answers later. */
  recognize(text: string): Intent | Promise<Intent>;
}

/** A recogniser that answers at once (the keyword and the multilingual ones). */
export interface SyncIntentRecognizer extends IntentRecognizer {
  recognize(text: string): Intent;
}

/** What a symptom means for the flow: which method the employee tries and the next check. */
export interface SymptomPlan {
  method?: MethodKind;
  changedPhone?: boolean;
  /** `browser`: the self-check page matters (QR code, WebAuthn); `account`: go straight to diagnosis. */
  next: 'browser' | 'account';
}

export const SYMPTOM_PLANS: Record<Symptom, SymptomPlan> = {
  session_expired: { next: 'account' },
  too_many_devices: { next: 'account' },
  qr_code: { method: 'microsoftAuthenticator', next: 'browser' },
  new_phone: { method: 'microsoftAuthenticator', changedPhone: true, next: 'account' },
  security_key: { method: 'fido2', next: 'browser' },
  passkey: { method: 'passkey', next: 'browser' },
  blocked: { next: 'account' },
  locked: { next: 'account' },
  text_message: { method: 'phone', next: 'account' },
  push_not_arriving: { method: 'microsoftAuthenticator', next: 'account' },
  code_expired: { next: 'account' },
  authenticator_not_working: { method: 'microsoftAuthenticator', next: 'account' },
  no_phone: { changedPhone: true, next: 'account' },
};

/** Ordered: the first matching row wins ("my new phone can't scan the QR code" is a new phone). */
export const SYMPTOM_TABLE: ReadonlyArray<{ symptom: Symptom; pattern: RegExp }> = [
  { symptom: 'session_expired', pattern: /\b(session|sign-?in)\b.*\b(expired|timed? ?out|ran out)\b|\bexpired session\b|\btimed? ?out\b/i },
  { symptom: 'too_many_devices', pattern: /\b(too many|maximum number of|max(imum)?) (devices|device)\b|\bdevice (limit|quota)\b/i },
  { symptom: 'new_phone', pattern: /\b(new|replaced|changed|lost|broke(n)?|different|switched|swapped)( (my|the|our))? (phone|mobile|iphone|android)\b|\bphone (was )?(lost|stolen|broken|replaced)\b/i },
  { symptom: 'qr_code', pattern: /\bqr\b|\bqr[- ]?code\b|\bscan(ning)?\b/i },
  { symptom: 'passkey', pattern: /\bpass ?keys?\b/i },
  { symptom: 'security_key', pattern: /\bsecurity ?keys?\b|\byubi ?keys?\b|\bfido2?\b/i },
  { symptom: 'locked', pattern: /\blocked( out)?\b|\block ?out\b/i },
  { symptom: 'blocked', pattern: /\bblock(ed|s|ing)?\b|\bnot allowed\b|\baccess denied\b/i },
  { symptom: 'text_message', pattern: /\btext messages?\b|\bsms\b|\bno (text|code) (arrives|came|received)\b|\bphone (number|call)\b/i },
];

const GREETING = /^\s*(hi|hello|hey|help|hallo|good (morning|afternoon|evening)|menu|\?)\s*[!.?]*\s*$/i;
/** Mentions of MFA set-up without a symptom we know: the guided start, not "I didn't understand". */
const HELP = /\b(mfa|multi-?factor|2fa|two-?factor|2-step|security info|authenticat\w*|set ?up|setup|enrol\w*|register\w*|sign(-| )?in)\b/i;
const RESTART = /^\s*(start (over|again)|restart|reset|begin again|cancel)\s*[!.]*\s*$/i;

export interface KeywordRecognizerDeps {
  /** Error codes found in the text, normalised (`53003`, `801c0003`). */
  extractErrorCodes(text: string): string[];
}

export function createKeywordIntentRecognizer(deps: KeywordRecognizerDeps): SyncIntentRecognizer {
  return {
    recognize(text: string): Intent {
      const t = text.slice(0, 2000);
      if (RESTART.test(t)) return { kind: 'restart' };
      if (GREETING.test(t)) return { kind: 'greeting' };
      const codes = deps.extractErrorCodes(t);
      if (codes.length > 0) return { kind: 'errorCode', codes };
      const passkey = recognizePasskeySetup(t);
      if (passkey) return passkey;
      for (const row of SYMPTOM_TABLE) if (row.pattern.test(t)) return { kind: 'symptom', symptom: row.symptom };
      if (HELP.test(t)) return { kind: 'help' };
      return { kind: 'unknown' };
    },
  };
}
