/**
 * Methods policy findings: the method the employee tries is not enabled for them (or a sign-in says
 * so: 130500 / 130501 / 135016), the registration campaign pushes a method that is disabled for them
 * (the "logic loop"), or no self-registrable MFA method is enabled at all.
 */
import type { Draft } from '../catalog';
import { hasUsableMfaMethod, type DiagnosisContext } from '../context';
import { ATTEMPTED_METHODS, CAMPAIGN_METHOD_TO_CONFIG, CODE_TO_CONFIG, SELF_REGISTRABLE_MFA_CONFIGS } from '../knowledge/methods';
import { targetMatches } from '../subject';
import type { MethodConfigStatus } from '../types';
import { fedSignIns, signInList } from './common';
import { passkeyExplains135016 } from './passkeys';

/** Definitely not enabled (an unknown group membership is not proof). */
const blocked = (s: MethodConfigStatus | undefined): boolean => s !== undefined && !s.enabled && !s.membershipUnknown;

function methodNotEnabled(ctx: DiagnosisContext, policyKnown: boolean): Draft | undefined {
  const attempted = policyKnown && ctx.client?.attemptedMethod ? ATTEMPTED_METHODS[ctx.client.attemptedMethod] : undefined;
  const attemptStatuses = attempted ? attempted.configIds.map((id) => ctx.availability[id]) : [];
  const attemptBlocked = attemptStatuses.length > 0 && attemptStatuses.every(blocked);
  // A 135016 that a refused registered passkey explains belongs to the passkey findings (rules/passkeys.ts).
  const passkeyExplained = policyKnown && passkeyExplains135016(ctx);
  const signIns = fedSignIns(ctx, 'METHOD_NOT_ENABLED').filter((s) => !(passkeyExplained && s.code === '135016'));
  if (!attemptBlocked && signIns.length === 0) return undefined;

  const namedConfigs = new Set<string>(attemptBlocked && attempted ? attempted.configIds : []);
  for (const s of signIns) {
    const config = CODE_TO_CONFIG[s.code];
    if (config) namedConfigs.add(config);
  }
  const configurations = !policyKnown ? [] : [...namedConfigs].map((id) => ctx.availability[id] ?? { configId: id, enabled: false, state: null });
  const newest = signIns[0];
  return {
    code: 'METHOD_NOT_ENABLED',
    directness: newest ? 1 : 2,
    ...(newest ? { at: newest.at } : {}),
    evidence: {
      ...(attempted ? { attemptedMethod: attempted.kind } : {}),
      ...(policyKnown ? { configurations } : { policyUnavailable: true }),
      ...(signIns.length ? { errorCodes: [...new Set(signIns.map((s) => s.raw.status.errorCode))], signIns: signInList(signIns) } : {}),
    },
    vars: { methodLabel: attempted?.label ?? (namedConfigs.has('Fido2') ? 'security keys or passkeys' : 'this sign-in method') },
  };
}

function campaignConflict(ctx: DiagnosisContext): Draft | undefined {
  const campaign = ctx.directory.authenticationMethodsPolicy?.registrationEnforcement?.authenticationMethodsRegistrationCampaign;
  const state = (campaign?.state ?? '').toLowerCase();
  if (!campaign || (state !== 'enabled' && state !== 'default')) return undefined;
  // Microsoft managed since 2026-09: passkeys for users enabled for them, which cannot conflict (entra-graph-2026.md §17.3).
  if (state === 'default' && ctx.availability['Fido2']?.enabled === true) return undefined;
  if (ctx.authenticators.length > 0) return undefined; // the nudge is not shown to users who have the app
  if (state === 'default') {
    // Microsoft-managed: the campaign targets users who do MFA by text or call (entra-graph.md §4.5).
    const phoneUser = ctx.mfaMethods.some((m) => m['@odata.type'].toLowerCase().endsWith('phoneauthenticationmethod'));
    if (!phoneUser) return undefined;
  }
  if ((campaign.excludeTargets ?? []).some((t) => targetMatches(t, ctx.subject))) return undefined;
  const target = (campaign.includeTargets ?? []).find((t) => targetMatches(t, ctx.subject));
  if (!target) return undefined;
  const method = state === 'default' ? 'microsoftAuthenticator' : (target.targetedAuthenticationMethod ?? 'microsoftAuthenticator');
  const configId = CAMPAIGN_METHOD_TO_CONFIG[method];
  const status = configId ? ctx.availability[configId] : undefined;
  if (!blocked(status)) return undefined;
  const nudges = fedSignIns(ctx, 'CAMPAIGN_NUDGE_PENDING');
  const newest = nudges[0];
  return {
    code: 'CAMPAIGN_METHOD_CONFLICT',
    directness: newest ? 1 : 2,
    ...(newest ? { at: newest.at } : {}),
    evidence: {
      campaign: {
        state: campaign.state ?? null,
        snoozeDurationInDays: campaign.snoozeDurationInDays ?? null,
        enforceRegistrationAfterAllowedSnoozes: campaign.enforceRegistrationAfterAllowedSnoozes ?? null,
        matchedTarget: { id: target.id, targetType: target.targetType ?? null },
        targetedAuthenticationMethod: method,
      },
      configuration: status,
      ...(nudges.length ? { signIns: signInList(nudges) } : {}),
    },
  };
}

function noMethodAvailable(ctx: DiagnosisContext): Draft | undefined {
  const statuses = SELF_REGISTRABLE_MFA_CONFIGS.map((id) => ctx.availability[id]);
  if (!statuses.every(blocked)) return undefined;
  return {
    code: 'NO_MFA_METHOD_AVAILABLE',
    directness: 2,
    evidence: {
      policySource: ctx.directory.authenticationMethodsPolicy === null ? 'default' : 'policy',
      configurations: statuses,
      hasUsableMfaMethod: hasUsableMfaMethod(ctx),
    },
  };
}

export function methodsPolicyRules(ctx: DiagnosisContext): Draft[] {
  if (ctx.unavailable.has('authenticationMethodsPolicy')) {
    // Policy unreadable: only sign-in codes can speak (the new-tenant defaults would be a guess).
    const fromSignIns = methodNotEnabled(ctx, false);
    return fromSignIns ? [fromSignIns] : [];
  }
  return [methodNotEnabled(ctx, true), campaignConflict(ctx), noMethodAvailable(ctx)].filter((d): d is Draft => d !== undefined);
}
