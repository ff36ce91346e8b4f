/**
 * Passkey-era facts as data (entra-graph-2026.md §16.5, §17): Microsoft Authenticator minimum
 * versions for passkeys, the SMS/voice retirement date, the phone-method classification of
 * `methodsRegistered`, and the "MFA within the last five minutes" re-authentication explanation.
 */
export interface AuthenticatorMinimum {
  os: 'iOS' | 'Android';
  /** Minimum app version when an applicable profile allows both device-bound and synced passkeys. */
  appVersion: string;
  /** Minimum OS major version for a passkey in Authenticator. */
  osMajor: number;
  source: string;
}

const AUTH_PASSKEY_DOC = 'https://learn.microsoft.com/entra/identity/authentication/how-to-enable-authenticator-passkey (2026-07-05; entra-graph-2026.md §16.5) [docs]';

/** Outside "a profile allows both types", no official minimum version was found (§16.5): only the OS floor applies. */
export const AUTHENTICATOR_PASSKEY_MINIMUMS: readonly AuthenticatorMinimum[] = [
  { os: 'iOS', appVersion: '6.8.37', osMajor: 17, source: AUTH_PASSKEY_DOC },
  { os: 'Android', appVersion: '6.2507.4749', osMajor: 14, source: AUTH_PASSKEY_DOC },
];

const RETIREMENT_DOC = 'https://learn.microsoft.com/entra/identity/authentication/concept-sms-voice-retirement (2026-07-29; entra-graph-2026.md §17.1) [docs]';

export const SMS_VOICE_RETIREMENT = {
  /** "Microsoft provided SMS and Voice fully retired" (an older analyzer README said 2027-01-28; the Learn page wins). */
  date: '2027-02-01',
  at: Date.parse('2027-02-01T00:00:00Z'),
  source: RETIREMENT_DOC,
} as const;

/** `methodsRegistered` values (userRegistrationDetails) that are phone (SMS/voice) methods (§17.4). */
export const PHONE_METHODS_REGISTERED: ReadonlySet<string> = new Set(['mobilePhone', 'alternateMobilePhone', 'officePhone']);
/** Values that are neither phone nor MFA-capable: they do not stop a user being phone-only (§17.4). */
export const MFA_NEUTRAL_METHODS_REGISTERED: ReadonlySet<string> = new Set(['email', 'securityQuestion', 'password']);

export const RECENT_MFA_FOR_PASSKEY = {
  minutes: 5,
  explanation:
    'Before you can add a passkey, Microsoft asks for a fresh second sign-in step if your last one was more than 5 minutes ago. ' +
    'Being asked to sign in and approve again at that point is expected, not an error: complete it and the passkey setup continues.',
  source: 'https://learn.microsoft.com/entra/identity/authentication/how-to-authentication-passkeys-fido2 (2026-03-08) and entra-docs PR #1949 (2026-04-21); entra-graph-2026.md §16.5 [docs]. A specific AADSTS code for it is unconfirmed.',
} as const;

/** Phrases an employee uses for that re-authentication prompt while adding a passkey. */
const REAUTH_PHRASES = [/sign(ed)? ?in again/i, /verify (my|your) identity again/i, /asked (me )?(for|to do) (mfa|a code|approval) again/i, /re-?auth/i, /approve again/i, /keeps? asking (me )?to sign in/i];
const PASSKEY_WORDS = /passkey|security key|fido|windows hello|face id|touch id|authenticator/i;

/** Does this message describe the fresh-MFA prompt during passkey registration? (the bot explains RECENT_MFA_FOR_PASSKEY). */
export function describesPasskeyReauth(text: string): boolean {
  const t = text.slice(0, 2000);
  return PASSKEY_WORDS.test(t) && REAUTH_PHRASES.some((p) => p.test(t));
}
