/**
 * Post-use watch: after the pass was used, methods registered since its start are shown to the
 * employee ("A new Microsoft Authenticator (iPhone) added at 10:32") with "This wasn't me".
 * The backend's tapStatus also tells when the pass was used, so the message is redacted promptly.
 */
import type { RedactionReason } from '../../approvals/lifecycle';
import type { TapRequest } from '../../approvals/model';
import type { TapStatusResponse } from '../../backend/api';
import { renderTapWatchCard } from '../../cards/tapWatchCard';
import { fill } from '../../i18n/en';
import type { TapKit } from './kit';
import { cardActivity, employeeReference } from './messages';
import { redactPass } from './passMessage';
import type { MethodChange } from './ports';
import { formatTime } from './view';

/** Watch this long after delivery. */
export const WATCH_HOURS = 24;
/** A fresh pass may not show in directory reads yet: never call it used before this. */
const USE_GRACE_MS = 5 * 60_000;

const keyOf = (m: MethodChange) => `${m.kind ?? ''}|${m.displayName ?? ''}|${m.createdDateTime ?? ''}`;

export function methodLines(kit: TapKit, methods: MethodChange[]): string[] {
  const s = kit.cards.strings;
  return methods.map((m) => {
    const kind = m.kind ? ((s.methods as Record<string, string>)[m.kind] ?? m.kind) : 'method';
    const name = m.displayName ? `${kind} (${m.displayName})` : kind;
    return fill(s.tap.watchMethod, { method: name, at: formatTime(m.createdDateTime) });
  });
}

export function watched(r: TapRequest, now: Date): boolean {
  const i = r.issuance;
  if (!i?.deliveredAt || (r.state !== 'delivered' && r.state !== 'redacted')) return false;
  return now.getTime() - Date.parse(i.deliveredAt) < WATCH_HOURS * 3_600_000;
}

/**
 * Why the delivered pass is gone, in the directory's own words: "OneTimeUsed" and "Expired" are
 * definite at once; a missing pass (deleted or replaced) or another unusable state only after the
 * grace period, since a fresh pass may not show in directory reads yet.
 */
export function goneReason(tap: TapStatusResponse['tap'], pastGrace: boolean): RedactionReason | undefined {
  if (tap?.reason === 'OneTimeUsed') return 'used';
  if (tap?.reason === 'Expired') return 'expired';
  if (!pastGrace) return undefined;
  if (tap === undefined) return 'removed';
  return tap.isUsable || tap.reason === 'NotYetValid' ? undefined : 'used_or_removed';
}

/** Checks one delivered pass: redacts it when the backend says it was used, reports new methods. */
export async function watchAfterUse(kit: TapKit, requestId: string): Promise<{ redacted: boolean; reported: number }> {
  const service = kit.service();
  let r = await service.get(requestId);
  const t = await kit.threads.get(r?.correlationId);
  if (!r?.issuance || !t || t.watch?.answer) return { redacted: false, reported: 0 };
  const status = await kit.backend.tapStatus({ user: r.requester.aadObjectId, methodId: r.issuance.tapMethodId, since: r.issuance.startDateTime });
  let redacted = false;
  const pastGrace = kit.clock.now().getTime() >= Date.parse(r.issuance.startDateTime) + USE_GRACE_MS;
  const reason = r.state === 'delivered' ? goneReason(status.tap, pastGrace) : undefined;
  if (reason) {
    redacted = await redactPass(kit, r.id, reason);
    r = (await service.get(requestId)) ?? r;
  }
  const known = new Set(t.watch?.reported ?? []);
  const all = (status.methodsRegisteredSince ?? []).filter((m) => !m.createdDateTime || Date.parse(m.createdDateTime) >= Date.parse(r?.issuance?.startDateTime ?? ''));
  const fresh = all.filter((m) => !known.has(keyOf(m)));
  if (fresh.length === 0) return { redacted, reported: 0 };
  const ref = await employeeReference(kit, r, t);
  if (!ref) return { redacted, reported: 0 };
  const activity = cardActivity(renderTapWatchCard(kit.cards, { requestId: r.id, methods: methodLines(kit, all) }));
  const previous = t.watch?.activityId;
  let activityId = previous;
  if (previous) await kit.messenger.update(ref, previous, activity);
  else activityId = await kit.messenger.send(ref, activity);
  await kit.threads.update(t.reference, (x) => ({
    ...x,
    watch: { reported: all.map(keyOf), conversationId: t.employeeConversationId, ...(activityId ? { activityId } : {}) },
  }));
  return { redacted, reported: fresh.length };
}
