/**
 * PHONE_ONLY_MFA (findings.md; entra-graph-2026.md §17.4): every MFA method the employee has is a
 * phone (SMS/voice). Both views must agree: the registered methods (live) hold a phone method and
 * no other MFA-capable method (nor a usable TAP), and `methodsRegistered` (when readable) holds
 * nothing outside phone and neutral values. A warning until 2027-02-01, blocking from then on
 * unless the tenant has its own telephony provider (settings.customTelephonyProvider). Evidence
 * includes the Microsoft-managed registration campaign and the temporary opt-out when readable.
 */
import type { Draft } from '../catalog';
import type { DiagnosisContext } from '../context';
import { MFA_NEUTRAL_METHODS_REGISTERED, PHONE_METHODS_REGISTERED, SMS_VOICE_RETIREMENT } from '../knowledge/passkeys';
import { passkeyPolicyView } from '../passkeyPolicy';
import { targetMatches } from '../subject';

const PHONE_TYPE = '#microsoft.graph.phoneauthenticationmethod';

function campaignEvidence(ctx: DiagnosisContext): Record<string, unknown> | undefined {
  const policy = ctx.directory.authenticationMethodsPolicy;
  const campaign = policy?.registrationEnforcement?.authenticationMethodsRegistrationCampaign;
  if (!campaign) return undefined;
  const excluded = (campaign.excludeTargets ?? []).some((t) => targetMatches(t, ctx.subject));
  const target = excluded ? undefined : (campaign.includeTargets ?? []).find((t) => targetMatches(t, ctx.subject));
  const state = (campaign.state ?? '').toLowerCase();
  const fido2 = ctx.availability['Fido2']?.enabled === true;
  // Microsoft managed: passkeys when the user is enabled for them, else Authenticator (§17.3).
  const effective = state === 'default' ? (fido2 ? 'fido2' : 'microsoftAuthenticator') : (target?.targetedAuthenticationMethod ?? null);
  return {
    state: campaign.state ?? null,
    microsoftManaged: state === 'default',
    userTargeted: target !== undefined,
    targetedAuthenticationMethod: target?.targetedAuthenticationMethod ?? null,
    effectiveMethod: target ? effective : null,
    snoozeDurationInDays: campaign.snoozeDurationInDays ?? null,
    // Microsoft-managed passkey nudges: 1-day snooze, unlimited snoozes (§17.3).
    unlimitedSnoozes: state === 'default' && effective === 'fido2' ? true : campaign.enforceRegistrationAfterAllowedSnoozes === false,
  };
}

function optOut(ctx: DiagnosisContext): boolean | null {
  const settings = ctx.directory.authenticationMethodsPolicy?.['optOutSettings'];
  if (typeof settings !== 'object' || settings === null) return null;
  const v = (settings as Record<string, unknown>)['passkeyDynamicMigration'];
  return typeof v === 'boolean' ? v : null;
}

export function phoneOnlyRules(ctx: DiagnosisContext): Draft[] {
  const methods = ctx.mfaMethods;
  const phones = methods.filter((m) => m['@odata.type'].toLowerCase() === PHONE_TYPE);
  if (phones.length === 0 || phones.length !== methods.length || ctx.taps.some((t) => t.usable)) return [];
  const registered = ctx.directory.registrationDetails?.methodsRegistered;
  if (registered && registered.some((m) => !PHONE_METHODS_REGISTERED.has(m) && !MFA_NEUTRAL_METHODS_REGISTERED.has(m))) return [];

  const retired = ctx.now >= SMS_VOICE_RETIREMENT.at;
  const blocking = retired && ctx.settings.customTelephonyProvider !== true;
  const fido2 = ctx.availability['Fido2']?.enabled === true;
  const view = fido2 ? passkeyPolicyView(ctx.directory.authenticationMethodsPolicy, ctx.subject) : undefined;
  const campaign = campaignEvidence(ctx);
  const opted = optOut(ctx);
  return [{
    code: 'PHONE_ONLY_MFA',
    directness: 2,
    ...(blocking ? { severity: 'blocking' as const } : {}),
    evidence: {
      phoneMethods: phones.map((m) => ({ id: m.id, phoneType: m.phoneType ?? null })), // never the number
      ...(registered ? { methodsRegistered: registered } : {}),
      retirementDate: SMS_VOICE_RETIREMENT.date,
      daysUntilRetirement: Math.max(0, Math.ceil((SMS_VOICE_RETIREMENT.at - ctx.now) / 86_400_000)),
      customTelephonyProvider: ctx.settings.customTelephonyProvider === true,
      passkeyReady: view ? view.profiles.length > 0 : false,
      ...(view ? { passkeyKindsAllowed: [...new Set(view.profiles.flatMap((p) => p.kinds))] } : {}),
      ...(campaign ? { registrationCampaign: campaign } : {}),
      ...(opted !== null ? { passkeyDynamicMigrationOptOut: opted } : {}),
      source: SMS_VOICE_RETIREMENT.source,
    },
    vars: { deadline: '1 February 2027', ...(view && view.profiles.length > 0 ? { allowed: 'passkey' } : {}) },
  }];
}
