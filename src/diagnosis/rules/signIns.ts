/**
 * Findings read straight from the employee's recent sign-ins: session expired (50089 / 50132 / 50133),
 * MFA not completed (500121 / 50074 / 50076 / 50088), campaign nudge (50203), and the address changing
 * inside one session (same correlationId, or sign-ins within 10 minutes of each other).
 */
import type { Draft } from '../catalog';
import type { DiagnosisContext, SignInFact } from '../context';
import { signInDraft } from './common';

const ipKey = (s: SignInFact): string => (s.ip ? `${s.ip.family}:${s.ip.value.toString(16)}` : '');

/** Group recent sign-ins with an address into sessions (union of correlationId and time chaining). */
export function sessions(ctx: DiagnosisContext): SignInFact[][] {
  const list = ctx.recent.filter((s) => s.ip);
  const parent = list.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] ?? r;
    return r;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[rb] = ra;
  };
  const windowMs = ctx.settings.sessionWindowMinutes * 60_000;
  const byCorrelation = new Map<string, number>();
  list.forEach((s, i) => {
    const prev = list[i - 1];
    if (prev && prev.at - s.at <= windowMs) union(i - 1, i); // list is newest first
    const cid = (s.raw.correlationId ?? '').toLowerCase();
    if (!cid) return;
    const first = byCorrelation.get(cid);
    if (first === undefined) byCorrelation.set(cid, i);
    else union(first, i);
  });
  const groups = new Map<number, SignInFact[]>();
  list.forEach((s, i) => {
    const root = find(i);
    const g = groups.get(root);
    if (g) g.push(s);
    else groups.set(root, [s]);
  });
  return [...groups.values()];
}

function ipChanged(ctx: DiagnosisContext): Draft | undefined {
  for (const session of sessions(ctx)) {
    const addresses = new Set(session.map(ipKey));
    if (addresses.size < 2) continue;
    const families = [...new Set(session.map((s) => (s.ip?.family === 6 ? 'IPv6' : 'IPv4')))];
    const newest = session[0];
    const oldest = session[session.length - 1];
    return {
      code: 'IP_ADDRESS_CHANGED',
      directness: 1,
      ...(newest ? { at: newest.at } : {}),
      evidence: {
        from: oldest?.raw.createdDateTime ?? null,
        to: newest?.raw.createdDateTime ?? null,
        families,
        mixedFamilies: families.length > 1,
        correlationIds: [...new Set(session.map((s) => s.raw.correlationId).filter((c): c is string => Boolean(c)))],
        signIns: session.slice(0, 10).map((s) => ({ id: s.raw.id, createdDateTime: s.raw.createdDateTime, ipAddress: s.raw.ipAddress ?? null, errorCode: s.raw.status.errorCode })),
      },
    };
  }
  return undefined;
}

export function signInRules(ctx: DiagnosisContext): Draft[] {
  return [
    signInDraft(ctx, 'SESSION_EXPIRED'),
    signInDraft(ctx, 'MFA_NOT_COMPLETED', ctx.client?.clockSkewSeconds !== undefined && Math.abs(ctx.client.clockSkewSeconds) > 60 ? { clientClockSkewSeconds: ctx.client.clockSkewSeconds } : {}),
    signInDraft(ctx, 'CAMPAIGN_NUDGE_PENDING'),
    ipChanged(ctx),
  ].filter((d): d is Draft => d !== undefined);
}
