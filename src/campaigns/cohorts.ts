/**
 * Phone cohorts ahead of the SMS/voice retirement on 2027-02-01 (entra-graph-2026.md §17.4), from
 * one `userRegistrationDetails` row: phone is the only MFA method, phone is the default, phone is
 * redundant; or no phone method at all. Pure: the backend classifies the report with it and the
 * engine compares cohorts at targeting time with the snapshot for results.
 */
export const PHONE_COHORTS = ['phoneOnly', 'phoneDefault', 'phoneRedundant'] as const;
export type PhoneCohort = (typeof PHONE_COHORTS)[number];
export const COHORTS = [...PHONE_COHORTS, 'noPhone', 'noMfa'] as const;
export type Cohort = (typeof COHORTS)[number];

export const PHONE_METHODS: ReadonlySet<string> = new Set(['mobilePhone', 'alternateMobilePhone', 'officePhone']);
/**
 * Methods that satisfy MFA without a phone call or text (§17.4). `temporaryAccessPass` is left out on
 * purpose: it is short-lived, so an employee with a pass and a phone is still phone-only.
 */
const OTHER_STRONG: ReadonlySet<string> = new Set([
  'microsoftAuthenticatorPush',
  'microsoftAuthenticatorPasswordless',
  'softwareOneTimePasscode',
  'hardwareOneTimePasscode',
  'fido2',
  'fido2SecurityKey',
  'windowsHelloForBusiness',
  'macOsSecureEnclaveKey',
]);
/**
 * `passKey*` values of the evolvable enum come back as `unknownFutureValue` unless the request sends
 * `Prefer: include-unknown-enum-members` (§16.4): every newer member is a non-phone method, so it counts.
 */
const isOtherStrong = (m: string): boolean => OTHER_STRONG.has(m) || m.startsWith('passKey') || m === 'unknownFutureValue';

const PHONE_DEFAULTS: ReadonlySet<string> = new Set(['mobilephone', 'alternatemobilephone', 'officephone', 'sms', 'voice', 'voicemobile', 'voicealternatemobile', 'voiceoffice']);

export interface RegistrationRow {
  methodsRegistered?: readonly string[] | null;
  /** beta only (`mobilePhone`, `officePhone`, …). */
  defaultMfaMethod?: string | null;
  userPreferredMethodForSecondaryAuthentication?: string | null;
  /** PascalCase on the wire (`PhoneAppNotification`, `Fido2`, `Sms`, `Voice…`). */
  systemPreferredAuthenticationMethods?: readonly string[] | null;
  isSystemPreferredAuthenticationMethodEnabled?: boolean | null;
}

/** The method Entra asks for first: system-preferred when it is on, else the user's preference (or beta's defaultMfaMethod). */
export function phoneIsDefault(row: RegistrationRow): boolean {
  const system = row.systemPreferredAuthenticationMethods?.[0];
  if (row.isSystemPreferredAuthenticationMethodEnabled === true && system) return PHONE_DEFAULTS.has(system.toLowerCase());
  const preferred = row.defaultMfaMethod ?? row.userPreferredMethodForSecondaryAuthentication ?? '';
  return PHONE_DEFAULTS.has(preferred.toLowerCase());
}

export function cohortOf(row: RegistrationRow): Cohort {
  const methods = row.methodsRegistered ?? [];
  const phone = methods.some((m) => PHONE_METHODS.has(m));
  const other = methods.some(isOtherStrong);
  if (!phone) return other ? 'noPhone' : 'noMfa';
  if (!other) return 'phoneOnly';
  return phoneIsDefault(row) ? 'phoneDefault' : 'phoneRedundant';
}

/** Better is further from depending on a phone: phoneOnly < phoneDefault < phoneRedundant < noPhone. */
const RANK: Record<Cohort, number> = { noMfa: -1, phoneOnly: 0, phoneDefault: 1, phoneRedundant: 2, noPhone: 3 };

/** The employee moved away from the phone since `before` (e.g. phone-only → has a passkey). */
export function movedOffPhone(before: Cohort, now: Cohort): boolean {
  return RANK[now] > RANK[before];
}

export function isPhoneCohort(c: string): c is PhoneCohort {
  return (PHONE_COHORTS as readonly string[]).includes(c);
}
