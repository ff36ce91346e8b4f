/**
 * Is Microsoft's own registration campaign already nudging this employee (entra-graph-2026.md
 * §17.3)? Our passkey campaign skips them, so nobody is nudged twice for the same thing.
 * - `state: default` (Microsoft managed): a passkey nudge when the employee is enabled for passkeys
 *   and in at least one eligible profile, otherwise an Authenticator nudge.
 * - `state: enabled`: the admin's `targetedAuthenticationMethod` (`fido2` or `microsoftAuthenticator`).
 * - Authenticator nudges follow an SMS/voice MFA and only reach employees without Authenticator.
 * - Guests are not nudged for passkeys; excluded targets win.
 */
import type { AuthenticationMethodsPolicy } from '../../diagnosis/facts';
import { targetMatches, type Subject } from '../../diagnosis/subject';
import type { PasskeyOptions, PasskeyProfileView } from '../api';

export type MicrosoftNudge = 'passkey' | 'authenticator';

/** AAGUIDs that make an allow-listed profile eligible under Microsoft managed (iCloud Keychain, Google Password Manager, Authenticator, Windows). */
const MANAGED_ELIGIBLE_AAGUIDS: ReadonlySet<string> = new Set([
  'fbfc3007-154e-4ecc-8c0b-6e020557d7bd',
  'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4',
  '90a3ccdf-635c-4729-a248-9b709135078f',
  'de1e552d-db1d-4423-a619-566b625cdc84',
  '08987058-cadc-4b81-b6e1-30de50dcbe96',
  '9ddd1817-af5a-4672-a2b9-3e3dd95000a9',
  '6028b017-b1d4-4c02-b4b3-afcdafc96bb2',
]);

/** Eligible profiles under Microsoft managed (§17.3). */
export function managedEligible(p: PasskeyProfileView): boolean {
  if (p.deviceBound && p.attestationRequired) return true;
  const k = p.keyRestrictions;
  if (!k) return p.synced || p.deviceBound;
  return k.enforcementType === 'allow' && k.aaGuids.some((g) => MANAGED_ELIGIBLE_AAGUIDS.has(g.toLowerCase()));
}

export function microsoftNudgeFor(policy: AuthenticationMethodsPolicy | null, subject: Subject, passkeys: PasskeyOptions | undefined, methodsRegistered: readonly string[]): MicrosoftNudge | undefined {
  const campaign = policy?.registrationEnforcement?.authenticationMethodsRegistrationCampaign;
  const state = (campaign?.state ?? 'disabled').toLowerCase();
  if (!campaign || state === 'disabled' || subject.isGuest) return undefined;
  if ((campaign.excludeTargets ?? []).some((t) => targetMatches(t, subject))) return undefined;
  const target = (campaign.includeTargets ?? []).find((t) => targetMatches(t, subject));
  if (!target) return undefined;
  const passkeyEnabled = passkeys?.canRegister === true;
  let method: MicrosoftNudge | undefined;
  if (state === 'default') method = passkeyEnabled && (passkeys?.profiles ?? []).some(managedEligible) ? 'passkey' : 'authenticator';
  else method = (target.targetedAuthenticationMethod ?? '').toLowerCase() === 'fido2' ? (passkeyEnabled ? 'passkey' : undefined) : 'authenticator';
  if (method !== 'authenticator') return method;
  const phone = methodsRegistered.some((m) => m === 'mobilePhone' || m === 'alternateMobilePhone' || m === 'officePhone');
  return phone && !methodsRegistered.includes('microsoftAuthenticatorPush') ? 'authenticator' : undefined;
}
