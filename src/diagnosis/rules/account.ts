/** Account state: disabled, locked (24 h), password expired, guest, privileged, user risk. */
import type { Draft } from '../catalog';
import type { DiagnosisContext } from '../context';
import { privilegedFromSubject } from '../roles';
import { fedSignIns, iso, signInDraft, signInList } from './common';

/** Smart lockout's first lock is about one minute and grows with repeated failures; we say "at least". */
const LOCKOUT_ADVICE_MINUTES = 15;

export function accountRules(ctx: DiagnosisContext): Draft[] {
  const out: Draft[] = [];
  const user = ctx.directory.user;

  if (user.accountEnabled === false) {
    const seen = fedSignIns(ctx, 'ACCOUNT_DISABLED');
    out.push({ code: 'ACCOUNT_DISABLED', directness: 0, evidence: { userId: user.id, accountEnabled: false, ...(seen.length ? { signIns: signInList(seen) } : {}) } });
  }

  if (ctx.subject.isGuest) {
    out.push({ code: 'GUEST_ACCOUNT', directness: 0, evidence: { userId: user.id, userType: user.userType ?? 'Guest', userPrincipalName: user.userPrincipalName ?? null } });
  }

  const locked = signInDraft(ctx, 'ACCOUNT_LOCKED', { lockoutWindowHours: ctx.settings.lockoutHours });
  if (locked && locked.at !== undefined) {
    // Time-aware advice: how long ago the newest lockout was, and how much of the advised wait is left.
    const agoMinutes = Math.max(0, Math.floor((ctx.now - locked.at) / 60_000));
    const waitMinutes = Math.max(0, LOCKOUT_ADVICE_MINUTES - agoMinutes);
    out.push({
      ...locked,
      evidence: { ...locked.evidence, lastLockoutAt: iso(locked.at), onPremisesSyncEnabled: user.onPremisesSyncEnabled ?? null },
      vars: { lockedMinutesAgo: agoMinutes, waitMinutes },
    });
  }

  const expired = signInDraft(ctx, 'PASSWORD_EXPIRED', { onPremisesSyncEnabled: user.onPremisesSyncEnabled ?? null });
  if (expired) out.push(expired);

  const risky = (ctx.directory.riskLevel ?? '').toLowerCase() === 'high';
  const riskSignIns = signInDraft(ctx, 'USER_RISK_BLOCKED');
  if (risky || riskSignIns) {
    out.push({
      code: 'USER_RISK_BLOCKED',
      directness: riskSignIns ? 1 : 2,
      ...(riskSignIns?.at !== undefined ? { at: riskSignIns.at } : {}),
      evidence: { riskLevel: ctx.directory.riskLevel, ...(riskSignIns ? riskSignIns.evidence : {}) },
    });
  }

  const privileged = privilegedFromSubject(ctx.subject, ctx.directory, ctx.now);
  if (privileged.privileged) {
    out.push({
      code: 'PRIVILEGED_ACCOUNT',
      directness: 2,
      evidence: {
        roles: ctx.subject.roles,
        ...(privileged.holdings.length ? { pimRoles: privileged.holdings } : {}),
        ...(ctx.directory.registrationDetails?.isAdmin !== undefined ? { isAdmin: ctx.directory.registrationDetails.isAdmin } : {}),
      },
      ...(privileged.roles.length ? { vars: { roles: privileged.roles.join(', ') } } : {}),
    });
  }
  return out;
}
