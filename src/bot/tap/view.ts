/** Turns a request and its thread into the channel card's view model (one place for the wording). */
import { formatForCurrentReader } from '../../cards/readerTime';
import type { TapRequest } from '../../approvals/model';
import type { Fact } from '../../cards/evidence';
import { evidenceFacts } from '../../cards/evidence';
import type { TapCardView, TapRequestCardInput, VerificationCardPart } from '../../cards/tapRequestCard';
import { fill, type Strings } from '../../i18n/en';
import { agentFindingLines, agentTitle } from '../../cards/agentFindings';
import { roleNames, type RiskProfile } from './profile';
import type { FindingDetail, Thread } from './threads';

/** In the reading agent's time zone and locale (from their Teams activity), "2026-11-26 10:32 UTC" when unknown. */
export function formatTime(iso: string | undefined): string {
  return formatForCurrentReader(iso);
}

/** The failure code of a request the backend refused because of evaluation (shadow) mode. */
export const SHADOW_FAILURE = 'shadow_mode';

const OPEN = new Set(['pending', 'awaiting_manager']);
export const isOpen = (r: TapRequest): boolean => OPEN.has(r.state);

function who(p: { displayName?: string; aadObjectId: string } | undefined): string {
  return p?.displayName ?? p?.aadObjectId ?? '-';
}

export function statusText(s: Strings, r: TapRequest): string {
  const shadow = r.state === 'failed' && r.failure?.code === SHADOW_FAILURE;
  const template = s.tap.status[shadow ? 'shadow' : r.state] ?? r.state;
  return fill(template, {
    by: who(r.decision?.by),
    at: formatTime(r.state === 'revoked' ? r.revocation?.at : r.decision?.at),
    expires: formatTime(r.issuance?.expiresAt ?? r.expiresAt),
    reason: r.state === 'revoked' ? (r.revocation?.reason ?? '') : (r.failure?.message ?? ''),
  });
}

/** Written for the agent (third person, who acts, the cause to verify): see cards/agentFindings.ts. */
export function findingLines(s: Strings, findings: FindingDetail[]): string[] {
  return agentFindingLines(s, findings, formatTime);
}

export function findingEvidence(s: Strings, findings: FindingDetail[]): Array<{ title: string; facts: Fact[] }> {
  return findings.map((f) => ({ title: agentTitle(s, f), facts: evidenceFacts(f.evidence, formatTime) }));
}

/** The employee's directory numbers and their manager's contact, for the call-back. */
export function contactFacts(s: Strings, p: RiskProfile): Fact[] {
  const u = p.user;
  const phones = [...(u?.businessPhones ?? []), ...(u?.mobilePhone ? [u.mobilePhone] : [])];
  return [{ title: s.advice.factPhones, value: phones.length > 0 ? phones.join(', ') : s.advice.noPhone }];
}

/** `masked`: the verification ladder shows the call-back number masked, so no full number is shown here. */
function riskFacts(s: Strings, t: Thread, masked = false): Fact[] {
  const p = t.profile;
  const m = p.manager;
  const phones = [...(m?.businessPhones ?? []), ...(m?.mobilePhone ? [m.mobilePhone] : [])];
  const added = (p.methodsAddedRecently ?? []).map((x) => `${x.displayName ?? x.kind ?? 'method'} (${formatTime(x.createdDateTime)})`);
  const roles = roleNames(p);
  const facts: Fact[] = [
    { title: s.tap.factRisk, value: p.riskLevel ?? s.tap.unknown },
    { title: s.tap.factAccountAge, value: p.accountCreated ? formatTime(p.accountCreated) : s.tap.unknown },
    { title: s.tap.factRoles, value: roles.length > 0 ? roles.join(', ') : s.tap.none },
    { title: s.tap.factMethodsChanged, value: added.length > 0 ? added.slice(0, 5).join(', ') : s.tap.none },
    { title: s.tap.factManager, value: m ? `${m.displayName ?? '-'}${m.userPrincipalName ? ` (${m.userPrincipalName})` : ''}` : s.tap.none },
  ];
  if (phones.length > 0 && !masked) facts.push({ title: s.tap.factManagerPhone, value: phones.join(', ') });
  const tap = p.existingTap;
  if (tap) {
    const reason = typeof tap.reason === 'string' ? tap.reason : undefined;
    const usable = tap.isUsable === true ? 'usable' : `not usable${reason ? ` (${reason})` : ''}`;
    facts.push({ title: s.tap.factExistingTap, value: `${usable}, started ${formatTime(tap.startDateTime)}` });
  }
  return facts;
}

function signInLines(s: Strings, t: Thread): string[] {
  return (t.profile.recentSignIns ?? []).slice(0, 5).map((x) =>
    fill(s.tap.signIn, {
      when: formatTime(x.createdDateTime),
      where: x.location ?? ([x.city, x.countryOrRegion].filter(Boolean).join(', ') || s.tap.unknown),
      ip: x.ipAddress ?? '-',
      status: x.status ?? '-',
    }),
  );
}

function managerLine(s: Strings, r: TapRequest): string {
  const mc = r.managerConfirmation;
  if (!mc.required) return s.tap.managerNotRequired;
  const name = who(mc.manager);
  if (mc.outcome === 'confirmed') return fill(s.tap.managerConfirmed, { name });
  if (mc.outcome === 'declined') return `${name}: ${s.tap.managerOutcome.declined ?? 'declined'}`;
  return fill(s.tap.managerWaiting, { name });
}

export function requestCardInput(
  s: Strings,
  r: TapRequest,
  t: Thread,
  view: TapCardView,
  extra: { notice?: string; userIds?: string[]; verification?: VerificationCardPart } = {},
): TapRequestCardInput {
  const facts: Fact[] = [
    { title: s.helpdesk.factEmployee, value: r.requester.displayName },
    { title: s.helpdesk.factAccount, value: r.requester.upn },
    // With the verification ladder, the call-back number is read and shown (masked) by the backend only.
    ...(extra.verification ? [] : contactFacts(s, t.profile)),
    { title: s.helpdesk.factRequested, value: formatTime(r.createdAt) },
    { title: s.tap.factReason, value: r.reason },
    { title: s.tap.factManagerConfirmation, value: managerLine(s, r) },
    { title: s.helpdesk.factReference, value: t.reference },
  ];
  const history = r.history.map((h) => `${formatTime(h.at)}: ${h.event} (${h.from} → ${h.to})${h.note ? `: ${h.note}` : ''}`);
  const open = isOpen(r);
  return {
    requestId: r.id,
    employeeName: r.requester.displayName,
    status: statusText(s, r),
    open,
    view: open ? view : 'readOnly',
    ...(extra.notice ? { notice: extra.notice } : {}),
    facts,
    riskFacts: riskFacts(s, t, extra.verification !== undefined),
    signIns: signInLines(s, t),
    findings: findingLines(s, t.findings),
    evidence: findingEvidence(s, t.findings),
    history: history.slice(-10),
    revocable: (r.state === 'issued' || r.state === 'delivered') && r.issuance?.redactedAt === undefined,
    showReplace: t.profile.existingTap?.isUsable === true || r.riskSignals.some((x) => x.code === 'existing_tap'),
    ...(extra.userIds ? { refreshUserIds: extra.userIds } : {}),
    ...(extra.verification ? { verification: extra.verification } : {}),
  };
}
