/**
 * Temporary Access Pass findings: a usable pass exists, the policy does not allow a pass for the user
 * (or a sign-in said so: 130502), or a recent pass was mistyped / expired / already used (130503-5).
 */
import type { Draft } from '../catalog';
import type { DiagnosisContext, TapStatus } from '../context';
import { tapPolicySummary } from '../methodPolicy';
import { fedSignIns, formatTime, iso, signInDraft, signInList } from './common';

function tapEvidence(t: TapStatus): Record<string, unknown> {
  return {
    id: t.method.id,
    createdDateTime: t.method.createdDateTime ?? null,
    startDateTime: t.start !== undefined ? iso(t.start) : null,
    expiresAt: t.end !== undefined ? iso(t.end) : null,
    lifetimeInMinutes: t.method.lifetimeInMinutes ?? null,
    isUsableOnce: t.method.isUsableOnce ?? null,
    usable: t.usable,
    reason: t.reason,
  };
}

export function tapRules(ctx: DiagnosisContext): Draft[] {
  const out: Draft[] = [];
  const usable = ctx.taps.find((t) => t.usable);
  if (usable) {
    out.push({ code: 'TAP_ALREADY_ACTIVE', directness: 2, evidence: { tap: tapEvidence(usable) }, ...(usable.end !== undefined ? { vars: { until: formatTime(usable.end) } } : {}) });
  }

  const policyKnown = !ctx.unavailable.has('authenticationMethodsPolicy');
  const status = ctx.availability['TemporaryAccessPass'];
  const policyBlocks = policyKnown && status !== undefined && !status.enabled && !status.membershipUnknown;
  const refused = fedSignIns(ctx, 'TAP_NOT_ALLOWED');
  if (policyBlocks || refused.length > 0) {
    out.push({
      code: 'TAP_NOT_ALLOWED',
      directness: refused.length ? 1 : 2,
      ...(refused[0] ? { at: refused[0].at } : {}),
      evidence: {
        ...(policyKnown ? { configuration: status ?? null, policy: tapPolicySummary(ctx.directory.authenticationMethodsPolicy) } : { policyUnavailable: true }),
        ...(refused.length ? { signIns: signInList(refused) } : {}),
      },
    });
  }

  const failed = signInDraft(ctx, 'TAP_EXPIRED_OR_USED');
  // A pass issued after the failure replaces the failed one: nothing left to fix.
  const replaced = usable !== undefined && failed?.at !== undefined && (usable.start ?? 0) > failed.at;
  if (failed && !replaced) {
    out.push({ ...failed, evidence: { ...failed.evidence, taps: ctx.taps.map(tapEvidence) } });
  }
  return out;
}
