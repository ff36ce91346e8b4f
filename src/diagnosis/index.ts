/**
 * The diagnosis engine: pure functions from facts about one employee to ordered findings
 * (shared/contracts/findings.md), plus helpers other modules reuse.
 */
export { diagnose, resolveSettings } from './engine';
export * from './types';
export * from './facts';
export { evaluateMethodPolicy, isTapAllowedForUser, tapPolicySummary } from './methodPolicy';
export { userHoldsPrivilegedRole, pimHoldings, type RoleHolding } from './roles';
export { passkeyPolicyView, judgePasskey, fido2ConfigurationOf, type PasskeyPolicyView, type PasskeyCandidate, type PasskeyVerdict, type EffectiveProfile } from './passkeyPolicy';
export { KNOWN_AAGUIDS, AAGUID_INDEX, PASSKEY_PROVIDER_INFO, aaguidsOfProvider } from './knowledge/aaguids';
export { AUTHENTICATOR_PASSKEY_MINIMUMS, SMS_VOICE_RETIREMENT, RECENT_MFA_FOR_PASSKEY, describesPasskeyReauth } from './knowledge/passkeys';
export { extractErrorCodes, lookupErrorCode, normaliseErrorCode } from './errorCodes';
export { parseUserAgent, parseBrowserDetail, parsePhoneOs, judgeBrowser } from './userAgent';
export { REQUIRED_ENDPOINTS } from './knowledge/endpoints';
export { ERROR_CODES } from './knowledge/errorCodes';
export { parseIp, parseCidr, cidrContains } from './ip';
export { en as englishStrings, type DiagnosisStrings } from './strings/en';
