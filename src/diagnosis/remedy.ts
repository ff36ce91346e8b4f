/**
 * When a one-time Temporary Access Pass is the remedy. One rule for the card that promises a pass
 * and for "Talk to the helpdesk", which must then file a pass request, not a plain ticket.
 */
import type { FindingCode } from './types';

/**
 * Findings a one-time pass resolves: the employee has no usable method to register another, or
 * registration is blocked where they are (53003 / 53010: "check the network, or issue a TAP",
 * reference §12) and the network cannot be changed by them.
 */
export const TAP_REMEDIES: readonly FindingCode[] = ['CA_REQUIRES_MFA_TO_REGISTER', 'TAP_EXPIRED_OR_USED', 'STALE_AUTHENTICATOR', 'CA_BLOCKS_REGISTRATION'];
/** Findings that rule a helpdesk pass out, whatever else was found. */
export const NO_TAP: readonly FindingCode[] = ['PRIVILEGED_ACCOUNT', 'USER_RISK_BLOCKED', 'ACCOUNT_DISABLED', 'TAP_NOT_ALLOWED', 'GUEST_ACCOUNT', 'TAP_ALREADY_ACTIVE'];

export function needsPass(findings: readonly string[]): boolean {
  return findings.some((f) => TAP_REMEDIES.includes(f as FindingCode)) && !findings.some((f) => NO_TAP.includes(f as FindingCode));
}
