/**
 * Sign-in and device-registration error codes seen while people set up MFA (entra-graph.md §12, §5.4).
 * `feeds` names the finding a recent sign-in with this code raises; `window: 'lockout'` means the
 * code only counts inside the lockout window (24 h) instead of the recent window (72 h).
 * Rules read this table; they never branch on code numbers themselves.
 */
import type { ErrorCodeInfo } from '../types';

export interface ErrorCodeEntry extends ErrorCodeInfo {
  window?: 'lockout';
  /** A sign-in with this code after a pass's start proves that pass is no longer usable. */
  tapVerdict?: 'OneTimeUsed' | 'Expired';
}

const AADSTS = 'https://learn.microsoft.com/entra/identity-platform/reference-error-codes (entra-graph.md §12)';
const TAP = 'https://learn.microsoft.com/entra/identity/authentication/howto-authentication-temporary-access-pass (entra-graph.md §3.6, §12)';
const DRS = 'https://learn.microsoft.com/entra/identity/devices/troubleshoot-hybrid-join-windows-current (entra-graph.md §5.4)';
const CONTRACT = 'shared/contracts/findings.md (SESSION_EXPIRED)';
const FIDO = 'sign-in log messages from f-bader/EntraID-ErrorCodes (2025-09) and https://learn.microsoft.com/entra/identity-platform/reference-error-codes (entra-graph-2026.md §16.6) [field]';

const e = (code: string, name: string, meaning: string, fix: string, source: string, extra: Partial<ErrorCodeEntry> = {}): ErrorCodeEntry => ({
  code, name, meaning, fix, source, ...extra,
});

export const ERROR_CODES: readonly ErrorCodeEntry[] = [
  e('50072', 'UserStrongAuthEnrollmentRequiredInterrupt', 'You have to set up your security info before you can continue.', 'Open https://aka.ms/mysecurityinfo and add a method; if you cannot, ask for a Temporary Access Pass.', AADSTS),
  e('50074', 'UserStrongAuthClientAuthNRequiredInterrupt', 'A second sign-in step (MFA) was required and was not completed.', 'Sign in again and approve the prompt.', AADSTS, { feeds: 'MFA_NOT_COMPLETED' }),
  e('50076', 'UserStrongAuthClientAuthNRequired', 'The sign-in needed a second step (MFA) that was not completed.', 'Sign in again in a browser and complete the second step.', AADSTS, { feeds: 'MFA_NOT_COMPLETED' }),
  e('50079', 'UserStrongAuthEnrollmentRequired', 'You must register security info before you can sign in.', 'Open https://aka.ms/mysecurityinfo and add a method.', AADSTS),
  e('50089', 'FlowTokenExpired', 'The sign-in page waited too long and the session ran out.', 'Start again in a fresh private window and finish within a few minutes.', AADSTS, { feeds: 'SESSION_EXPIRED' }),
  e('50132', 'SsoArtifactInvalidOrExpired', 'Your sign-in session is no longer valid (for example after a password change).', 'Close all browser windows and sign in again.', CONTRACT, { feeds: 'SESSION_EXPIRED' }),
  e('50133', 'SsoArtifactRevoked', 'Your sign-in session was cancelled (for example after a password change).', 'Close all browser windows and sign in again.', CONTRACT, { feeds: 'SESSION_EXPIRED' }),
  e('50097', 'DeviceAuthenticationRequired', 'This sign-in needs a registered or joined device.', 'Use your company device, or register this one.', AADSTS),
  e('50125', 'PasswordResetRegistrationRequiredInterrupt', 'You are asked to register password-reset information.', 'Complete the registration when asked.', AADSTS),
  e('50126', 'InvalidUserNameOrPassword', 'The user name or password was wrong.', 'Check your password; this is not an MFA problem.', AADSTS),
  e('50053', 'IdsLocked', 'Your account is temporarily locked after too many wrong attempts.', 'Wait for the lockout to end, then sign in once, carefully.', AADSTS, { feeds: 'ACCOUNT_LOCKED', window: 'lockout' }),
  e('50055', 'InvalidPasswordExpiredPassword', 'Your password has expired.', 'Change your password, then try again.', AADSTS, { feeds: 'PASSWORD_EXPIRED' }),
  e('50144', 'InvalidPasswordExpiredOnPremPassword', 'Your (on-premises) password has expired.', 'Change your password, then try again.', AADSTS, { feeds: 'PASSWORD_EXPIRED' }),
  e('50057', 'UserDisabled', 'Your account is disabled.', 'Contact the helpdesk to re-enable the account.', AADSTS, { feeds: 'ACCOUNT_DISABLED' }),
  e('50058', 'UserInformationNotProvided', 'No signed-in session was found (usually harmless).', 'No action needed.', AADSTS),
  e('50140', 'KmsiInterrupt', 'The "Stay signed in?" question was shown (harmless).', 'No action needed.', AADSTS),
  e('50158', 'ExternalSecurityChallenge', 'An external security check was not completed.', 'Complete the external check, or contact the helpdesk.', AADSTS),
  e('50199', 'CmsiInterrupt', 'A confirmation was needed for an app redirect (harmless).', 'Confirm when asked.', AADSTS),
  e('50202', 'ConsentOrRegistrationInterrupt', 'A consent or registration step was shown (expected).', 'Continue the flow.', AADSTS),
  e('50203', 'AuthenticatorAppRegistrationRequiredInterrupt', 'You are being asked to set up the Microsoft Authenticator app.', 'Set up the app when asked, or snooze if allowed.', AADSTS, { feeds: 'CAMPAIGN_NUDGE_PENDING' }),
  e('500121', 'AuthenticationFailedSrsFailure', 'The second sign-in step was denied, timed out or not answered.', 'Sign in again and approve the prompt on your phone.', AADSTS, { feeds: 'MFA_NOT_COMPLETED' }),
  e('50087', 'StrongAuthTransientError', 'A temporary error happened during the second step.', 'Try again in a few minutes.', AADSTS),
  e('50088', 'TelecomLimitReached', 'Too many phone calls or text messages were sent to you.', 'Wait a while, or use the Authenticator app instead.', AADSTS, { feeds: 'MFA_NOT_COMPLETED' }),
  e('500881', 'TelecomLimitReached', 'Too many phone calls or text messages were sent to you.', 'Wait a while, or use the Authenticator app instead.', AADSTS, { feeds: 'MFA_NOT_COMPLETED' }),
  e('53000', 'DeviceNotCompliant', 'Your organisation only allows this from a compliant (managed) device.', 'Use your company-managed device.', AADSTS, { feeds: 'CA_REQUIRES_COMPLIANT_DEVICE' }),
  e('53001', 'DeviceNotDomainJoined', 'Your organisation only allows this from a company-joined device.', 'Use your company-joined device.', AADSTS, { feeds: 'CA_REQUIRES_COMPLIANT_DEVICE' }),
  e('53002', 'ApplicationUsedIsNotAnApprovedApp', 'The app you used is not approved by your organisation.', 'Use an approved app.', AADSTS),
  e('53003', 'BlockedByConditionalAccess', 'An access policy of your organisation blocked the sign-in.', 'Connect from a trusted network, or ask the helpdesk.', AADSTS, { feeds: 'CA_BLOCKS_REGISTRATION' }),
  e('53004', 'ProofUpBlockedDueToRisk', 'Security info cannot be set up because of suspicious activity on the account.', 'The helpdesk must verify you and clear the risk.', AADSTS, { feeds: 'USER_RISK_BLOCKED' }),
  e('53010', 'ProofUpBlockedDueToSecurityInfoAcr', 'Your organisation only allows setting up security info from specific locations or devices.', 'Connect from the office network or VPN, or ask for a Temporary Access Pass.', AADSTS, { feeds: 'CA_BLOCKS_REGISTRATION' }),
  e('53011', 'UserBlockedDueToRiskOnHomeTenant', 'Your home organisation blocked you because of risk.', 'Contact your home organisation.', AADSTS),
  e('530032', 'BlockedByConditionalAccessOnSecurityPolicy', 'A tenant security policy blocked the sign-in (sources disagree on the exact meaning).', 'Ask the helpdesk to inspect the sign-in record.', AADSTS),
  e('530035', 'BlockedBySecurityDefaults', 'Security defaults blocked an old or unsafe sign-in method.', 'Use a modern app or browser.', AADSTS),
  e('54010', 'ProofupBlockedCredentialNotSupported', 'The credential you signed in with cannot be used to set up security info.', 'Sign in with your password (or a new pass) and try again.', AADSTS),
  e('65001', 'DelegationDoesNotExist', 'An app needs consent from an administrator.', 'Ask IT to grant consent.', AADSTS),
  e('70043', 'BadTokenDueToSignInFrequency', 'Your session ended because of the sign-in frequency policy (expected).', 'Sign in again.', AADSTS),
  e('70044', 'SessionExpiredBySignInFrequency', 'Your session ended because of the sign-in frequency policy (expected).', 'Sign in again.', AADSTS),
  e('81010', 'DesktopSsoAuthTokenInvalid', 'Automatic sign-in on the company network failed.', 'Sign in manually; IT may need to check Seamless SSO.', AADSTS),
  e('90014', 'MissingRequiredField', 'The app sent an incomplete request.', 'Try another browser; report it to IT.', AADSTS),
  e('90095', 'AdminConsentRequired', 'An administrator must approve this app.', 'Ask IT to approve the app.', AADSTS),
  e('135011', 'DeviceDisabled', 'The device you used is disabled in the directory.', 'Ask the helpdesk to re-enable or re-register the device.', AADSTS),
  e('130500', 'PhoneSignInBlockedByUserCredentialPolicy', 'Phone sign-in is not allowed for you by your organisation.', 'Use another method, or ask IT to enable it.', AADSTS, { feeds: 'METHOD_NOT_ENABLED' }),
  e('130501', 'SignInBlockedByUserCredentialPolicy', 'This sign-in method is not allowed for you by your organisation.', 'Use another method, or ask IT to enable it.', AADSTS, { feeds: 'METHOD_NOT_ENABLED' }),
  e('130502', 'TemporaryAccessPassBlockedByUserCredentialPolicy', 'Temporary Access Pass sign-in is not allowed for you.', 'IT must add you to the Temporary Access Pass policy.', TAP, { feeds: 'TAP_NOT_ALLOWED' }),
  e('130503', 'TemporaryAccessPassIncorrect', 'The Temporary Access Pass was typed incorrectly.', 'Ask the helpdesk for a new pass.', TAP, { feeds: 'TAP_EXPIRED_OR_USED' }),
  e('130504', 'TemporaryAccessPassExpired', 'The Temporary Access Pass has expired.', 'Ask the helpdesk for a new pass.', TAP, { feeds: 'TAP_EXPIRED_OR_USED', tapVerdict: 'Expired' }),
  e('130505', 'TemporaryAccessPassAlreadyUsed', 'The one-time Temporary Access Pass was already used.', 'Ask the helpdesk for a new pass.', TAP, { feeds: 'TAP_EXPIRED_OR_USED', tapVerdict: 'OneTimeUsed' }),
  e('135016', 'FidoSignInDisabledByPolicy', 'Security keys / passkeys are not allowed for you by your organisation, or (when they are) this kind or model of passkey is not allowed by your passkey profiles.', 'Use a passkey your organisation allows, or IT must enable Passkey (FIDO2) for you.', FIDO, { feeds: 'METHOD_NOT_ENABLED' }),
  e('135000', 'FidoSignatureVerificationFailed', 'The passkey\'s signature could not be verified.', 'Try again; if it keeps failing, remove the passkey and register it again.', FIDO),
  e('135001', 'FidoKeyNotConfigured', 'This passkey is not registered to your account (it was deleted, or belongs to another account).', 'Pick the passkey of this account, or register a new one at https://aka.ms/mysecurityinfo.', FIDO),
  e('135002', 'FidoMissingAuthenticatorData', 'The passkey sent incomplete data.', 'Try again; update the browser or the security key\'s firmware if it repeats.', FIDO),
  e('135003', 'FidoInvalidGesture', 'The passkey check was not completed (no touch, PIN or biometric gesture).', 'Try again and complete the touch, PIN or face/fingerprint step.', FIDO),
  e('135004', 'FidoInvalidPostBackUrl', 'The sign-in page sent an invalid passkey request.', 'Start again in a fresh browser window.', FIDO),
  e('135005', 'FidoInvalidCancelUrl', 'The sign-in page sent an invalid passkey request.', 'Start again in a fresh browser window.', FIDO),
  e('135006', 'FidoInvalidResumeUrl', 'The sign-in page sent an invalid passkey request.', 'Start again in a fresh browser window.', FIDO),
  e('135007', 'FidoInvalidClientDataType', 'The browser sent an invalid passkey response.', 'Update the browser, or use another one.', FIDO),
  e('135008', 'FidoInvalidRelyingPartyOrigin', 'The passkey response came from an unexpected web address.', 'Sign in at the Microsoft page directly, not through another site or app.', FIDO),
  e('135009', 'FidoInvalidFlowTokenScenario', 'The passkey request did not belong to a sign-in.', 'Start again in a fresh browser window.', FIDO),
  e('135010', 'KeyNotFound', 'This passkey is not registered to your account (it was deleted, or belongs to another account).', 'Pick the passkey of this account, or register a new one at https://aka.ms/mysecurityinfo.', FIDO),
  e('135012', 'FidoUserHandleMismatch', 'You picked a passkey of another account.', 'Choose the passkey that belongs to this account.', FIDO),
  e('135013', 'FidoInvalidUserHandle', 'The passkey sent an invalid account reference.', 'Remove the passkey and register it again.', FIDO),
  e('135014', 'FidoInvalidUserHandleLength', 'The passkey sent an invalid account reference.', 'Remove the passkey and register it again.', FIDO),
  e('135015', 'FidoInvalidExcludeList', 'The passkey registration request was malformed.', 'Start again in a fresh browser window.', FIDO),
  e('135017', 'FidoUnexpectedSignatureCounter', 'The passkey looks cloned or restored from a backup, so it was refused.', 'The helpdesk should remove this passkey; then register a new one.', FIDO),
  e('135018', 'FidoInvalidChallenge', 'The passkey answered an unknown challenge.', 'Start again in a fresh browser window.', FIDO),
  e('135019', 'FidoExpiredChallenge', 'The passkey step took too long and expired.', 'Start again and complete the passkey step within a few minutes.', FIDO),
  e('135020', 'FidoInvalidAssertion', 'The passkey response was invalid.', 'Try again; if it repeats, remove the passkey and register it again.', FIDO),
  e('135021', 'FidoInvalidUserHandlePrefix', 'The passkey sent an invalid account reference.', 'Remove the passkey and register it again.', FIDO),
  e('500344', 'FidoUserAccountNotFound', 'No account was found for this passkey.', 'Type your user name first, then use the passkey; or register a new one.', FIDO),
  e('240001', 'BulkAADJTokenUnauthorized', 'You are not allowed to register devices.', 'Ask the helpdesk to check device settings and your device limit.', AADSTS),
  e('50129', 'DeviceIsNotWorkplaceJoined', 'This needs a registered (workplace-joined) device.', 'Register the device first.', AADSTS),
  e('50131', 'ConditionalAccessFailed', 'An access policy check failed.', 'Ask the helpdesk to check the sign-in details.', AADSTS),
  e('50155', 'DeviceAuthenticationFailed', 'The device could not prove its identity.', 'Ask the helpdesk to check the device.', AADSTS),
  e('50173', 'FreshTokenNeeded', 'Access was reset (for example after a password change).', 'Sign in again.', AADSTS),
  e('801c0003', 'DeviceRegistrationNotAuthorized', 'You are not allowed to add more devices (device limit reached or joining not allowed).', 'Remove old devices at https://myaccount.microsoft.com/device-list or ask the helpdesk.', DRS),
  e('801c03f2', 'DSREG_E_DIRECTORY_FAILURE', 'Device registration failed in the directory.', 'Ask the helpdesk to check the device object.', DRS),
  e('801c0002', 'DSREG_E_DEVICE_AUTHENTICATION_ERROR', 'Device registration could not authenticate.', 'Ask the helpdesk to check the device.', DRS),
  e('801c0006', 'DSREG_E_DEVICE_INTERNALSERVICE_ERROR', 'Device registration hit a temporary service error.', 'Try again later.', DRS),
];

/** Lookup by normalised code. Built once at import: immutable data, not a stateful singleton. */
export const ERROR_CODE_INDEX: ReadonlyMap<string, ErrorCodeEntry> = new Map(ERROR_CODES.map((c) => [c.code, c]));
