/**
 * The findings table of shared/contracts/findings.md as data: severity and fix owner per code
 * (where the contract names two owners, the first), and the tie-break priority used by order.ts.
 */
import type { Evidence, FindingCode, FixOwner, Severity } from './types';

export interface CatalogEntry {
  severity: Severity;
  fix: FixOwner;
}

export const FINDING_CATALOG: Readonly<Record<FindingCode, CatalogEntry>> = {
  ACCOUNT_DISABLED: { severity: 'blocking', fix: 'helpdesk' },
  ACCOUNT_LOCKED: { severity: 'blocking', fix: 'self' },
  PASSWORD_EXPIRED: { severity: 'blocking', fix: 'self' },
  GUEST_ACCOUNT: { severity: 'blocking', fix: 'self' },
  PRIVILEGED_ACCOUNT: { severity: 'warning', fix: 'helpdesk' },
  USER_RISK_BLOCKED: { severity: 'blocking', fix: 'helpdesk' },
  DEVICE_QUOTA_REACHED: { severity: 'blocking', fix: 'self' },
  DEVICE_QUOTA_NEAR: { severity: 'warning', fix: 'self' },
  METHOD_NOT_ENABLED: { severity: 'blocking', fix: 'admin' },
  CAMPAIGN_METHOD_CONFLICT: { severity: 'blocking', fix: 'admin' },
  NO_MFA_METHOD_AVAILABLE: { severity: 'blocking', fix: 'admin' },
  CA_BLOCKS_REGISTRATION: { severity: 'blocking', fix: 'self' },
  CA_REQUIRES_MFA_TO_REGISTER: { severity: 'blocking', fix: 'helpdesk' },
  CA_REQUIRES_COMPLIANT_DEVICE: { severity: 'blocking', fix: 'self' },
  SESSION_EXPIRED: { severity: 'blocking', fix: 'self' },
  IP_ADDRESS_CHANGED: { severity: 'warning', fix: 'self' },
  MFA_NOT_COMPLETED: { severity: 'warning', fix: 'self' },
  CAMPAIGN_NUDGE_PENDING: { severity: 'info', fix: 'self' },
  TAP_ALREADY_ACTIVE: { severity: 'info', fix: 'self' },
  TAP_NOT_ALLOWED: { severity: 'warning', fix: 'admin' },
  TAP_EXPIRED_OR_USED: { severity: 'blocking', fix: 'helpdesk' },
  STALE_AUTHENTICATOR: { severity: 'blocking', fix: 'helpdesk' },
  ALREADY_REGISTERED: { severity: 'info', fix: 'self' },
  BROWSER_OUTDATED: { severity: 'blocking', fix: 'self' },
  WEBAUTHN_UNAVAILABLE: { severity: 'blocking', fix: 'self' },
  ENDPOINTS_BLOCKED: { severity: 'blocking', fix: 'helpdesk' },
  AUTHENTICATOR_OS_UNSUPPORTED: { severity: 'blocking', fix: 'self' },
  COOKIES_BLOCKED: { severity: 'blocking', fix: 'self' },
  PASSKEY_TYPE_NOT_ALLOWED: { severity: 'blocking', fix: 'self' },
  PASSKEY_KEY_RESTRICTED: { severity: 'blocking', fix: 'self' },
  PASSKEY_ATTESTATION_REQUIRED: { severity: 'blocking', fix: 'self' },
  AUTHENTICATOR_UPDATE_REQUIRED: { severity: 'blocking', fix: 'self' },
  // Warning until 2027-02-01; the rule raises it as blocking from then on (Draft.severity).
  PHONE_ONLY_MFA: { severity: 'warning', fix: 'self' },
};

/**
 * How direct the evidence is (lower = more direct). Ordering among findings of one severity:
 * 0 account state that stops everything; 1 a recent sign-in error code that names the cause;
 * 2 something observed directly (a count, the browser, the employee's answer, a risk level, an
 * address outside the trusted locations); 3 a policy that merely could apply.
 */
export type Directness = 0 | 1 | 2 | 3;

/** Values the locale strings may use in titles and steps. */
export interface StepVars {
  methodLabel?: string;
  until?: string;
  removableDevices?: number;
  helpdeskDevices?: number;
  locations?: string;
  browser?: string;
  minimum?: string;
  os?: string;
  hosts?: string;
  roles?: string;
  reason?: string;
  /** What the applicable passkey profiles accept (kinds or models), in plain words. */
  allowed?: string;
  /** An app version (AUTHENTICATOR_UPDATE_REQUIRED). */
  version?: string;
  /** A date in plain words (PHONE_ONLY_MFA: the SMS/voice retirement). */
  deadline?: string;
  /** The Conditional Access policy's display name. */
  policy?: string;
  /** The connection is IPv6 and every trusted location of the policy lists only IPv4 ranges (an admin fix). */
  ipv6Only?: boolean;
  /** ACCOUNT_LOCKED: minutes since the newest lockout, and how many more to wait (0: it has most likely ended). */
  lockedMinutesAgo?: number;
  waitMinutes?: number;
}

/** What a rule returns; order.ts turns drafts into Findings with the catalog and the locale strings. */
export interface Draft {
  code: FindingCode;
  evidence: Evidence;
  directness: Directness;
  /** Time of the newest evidence (ms), used to break ties among sign-in evidence. */
  at?: number;
  vars?: StepVars;
  /** Overrides the catalog severity where findings.md makes it time-dependent (PHONE_ONLY_MFA). */
  severity?: Severity;
}

export function severityOf(d: Draft): Severity {
  return d.severity ?? FINDING_CATALOG[d.code].severity;
}

/** Tie-break after severity, directness and time: the most fundamental cause first. */
export const CODE_PRIORITY: readonly FindingCode[] = [
  'ACCOUNT_DISABLED',
  'GUEST_ACCOUNT',
  'USER_RISK_BLOCKED',
  'ACCOUNT_LOCKED',
  'PASSWORD_EXPIRED',
  'CA_BLOCKS_REGISTRATION',
  'CA_REQUIRES_COMPLIANT_DEVICE',
  'METHOD_NOT_ENABLED',
  'TAP_EXPIRED_OR_USED',
  'SESSION_EXPIRED',
  'STALE_AUTHENTICATOR',
  'DEVICE_QUOTA_REACHED',
  'ENDPOINTS_BLOCKED',
  'COOKIES_BLOCKED',
  'BROWSER_OUTDATED',
  'WEBAUTHN_UNAVAILABLE',
  'AUTHENTICATOR_OS_UNSUPPORTED',
  'AUTHENTICATOR_UPDATE_REQUIRED',
  'PASSKEY_TYPE_NOT_ALLOWED',
  'PASSKEY_KEY_RESTRICTED',
  'PASSKEY_ATTESTATION_REQUIRED',
  'CAMPAIGN_METHOD_CONFLICT',
  'NO_MFA_METHOD_AVAILABLE',
  'CA_REQUIRES_MFA_TO_REGISTER',
  'MFA_NOT_COMPLETED',
  'IP_ADDRESS_CHANGED',
  'DEVICE_QUOTA_NEAR',
  'TAP_NOT_ALLOWED',
  'PHONE_ONLY_MFA',
  'PRIVILEGED_ACCOUNT',
  'TAP_ALREADY_ACTIVE',
  'CAMPAIGN_NUDGE_PENDING',
  'ALREADY_REGISTERED',
];
