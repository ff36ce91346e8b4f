/**
 * The "Identity verification" part of the approver card, worded from the backend's verification
 * status (tier, accepted proof, what the backend recorded, what is missing). The bot only shows it:
 * the backend decides, and it records evidence only on each person's own token.
 */
import type { BackendClient } from '../../backend/client';
import type { Fact } from '../../cards/evidence';
import type { VerificationCardPart } from '../../cards/tapRequestCard';
import { fill, type Strings } from '../../i18n/en';
import { formatTime } from './view';

type Status = Awaited<ReturnType<NonNullable<BackendClient['verificationStatus']>>>;

function kindsText(v: Strings['tap']['verification'], kinds: readonly string[]): string {
  return kinds.map((k) => v.kinds[k] ?? k).join(v.and);
}

function recordedLines(s: Strings, st: Status, names: Map<string, string>): string[] {
  const v = s.tap.verification;
  const who = (id: string) => names.get(id.toLowerCase()) ?? id;
  return st.recorded.map((e) => {
    if (e.kind === 'callback') return fill(v.callbackLine, { number: `••• ${e.numberEnding}`, who: who(e.confirmedBy), at: formatTime(e.at) });
    if (e.kind === 'manager') return fill(v.managerLine, { who: who(e.managerId), at: formatTime(e.at) });
    return fill(v.faceLine, { result: e.passed ? v.facePassed : v.faceFailed, score: e.matchConfidenceScore === undefined ? '-' : String(e.matchConfidenceScore), threshold: String(e.threshold), at: formatTime(e.at) });
  });
}

/** `names`: object id → display name of people the bot knows (approvers, the manager). */
export function verificationPart(s: Strings, st: Status | undefined, names: Map<string, string> = new Map()): VerificationCardPart {
  const v = s.tap.verification;
  if (!st) return { facts: [{ title: v.factTier, value: v.unavailable }], lines: [], ticket: false, canCallback: false, canAskManager: false };
  if (st.manager?.displayName) names.set(st.manager.id.toLowerCase(), st.manager.displayName);
  const ticket = st.accepted.length === 0;
  /** Actions only while proof is still missing. */
  const open = !ticket && !st.satisfied;
  const tier = `${v.tiers[st.tier] ?? st.tier}${st.reasons.length > 0 ? ` (${st.reasons.slice(0, 4).join('; ')})` : ''}`;
  const facts: Fact[] = [{ title: v.factTier, value: tier }];
  if (!ticket) {
    facts.push({ title: v.factAccepted, value: st.accepted.map((a) => kindsText(v, a)).join(v.or) });
    facts.push({ title: v.factRecorded, value: st.recorded.length > 0 ? String(st.recorded.length) : v.nothing });
    if (!st.satisfied && st.missing.length > 0) facts.push({ title: v.factMissing, value: kindsText(v, st.missing) });
  }
  const lines = recordedLines(s, st, names);
  if (st.managerDeclined) lines.push(v.managerDeclined);
  const accepts = (kind: string) => st.accepted.some((a) => a.includes(kind as never));
  const hasCallback = st.recorded.some((e) => e.kind === 'callback');
  return {
    facts,
    lines,
    ticket,
    ...(ticket ? { ticketText: fill(v.ticketText, { who: v.ticketWho[st.tier] ?? v.ticketWho.privileged ?? '' }) } : {}),
    canCallback: open && accepts('callback') && st.callback !== undefined && !hasCallback,
    ...(st.callback ? { callback: { label: fill(v.callbackButton, { number: st.callback.maskedNumber }), numberEnding: st.callback.numberEnding } } : {}),
    ...(open && accepts('callback') && !st.callback ? { callbackNote: v.noPhone } : {}),
    canAskManager: open && accepts('manager') && !st.recorded.some((e) => e.kind === 'manager') && !st.managerDeclined,
  };
}
