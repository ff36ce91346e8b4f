/**
 * The pass in the employee's 1:1 chat: delivered once (the approval service's claim → send →
 * markDelivered), and later replaced in place by a message without it (redaction).
 */
import { PassNotSent } from '../../approvals/delivery';
import type { RedactionReason } from '../../approvals/lifecycle';
import { renderTapPassCard } from '../../cards/tapPassCard';
import type { TapKit } from './kit';
import { surelyNotSent } from '../sendOutcome';
import { cardActivity, employeeReference } from './messages';
import { formatTime } from './view';

export type DeliveryOutcome = 'delivered' | 'skipped' | 'failed';

export async function deliverPass(kit: TapKit, requestId: string): Promise<DeliveryOutcome> {
  const service = kit.service();
  const r = await service.get(requestId);
  const t = await kit.threads.get(r?.correlationId);
  if (!r || !t) return 'skipped';
  const ref = await employeeReference(kit, r, t);
  if (!ref) {
    kit.log.warn({ requestId }, 'no verified 1:1 chat with the employee; the pass stays in the vault');
    return 'failed';
  }
  const result = await service.deliver(requestId, async (claimed) => {
    const card = renderTapPassCard(kit.cards, { kind: 'pass', pass: claimed.pass, expiresText: formatTime(claimed.request.issuance?.expiresAt) });
    try {
      return { activityId: await kit.messenger.send(ref, cardActivity(card)) };
    } catch (e) {
      // Only a send that surely posted nothing may be retried; anything else is left unconfirmed (at most once).
      throw surelyNotSent(e) ? new PassNotSent('the connector refused the pass message', { cause: e }) : e;
    }
  });
  if (!result.ok) {
    kit.log.info({ requestId, reason: result.reason }, 'pass not delivered by this call');
    return result.reason === 'delivery_failed' || result.reason === 'delivery_unconfirmed' ? 'failed' : 'skipped';
  }
  const activityId = result.value.issuance?.deliveredActivityId;
  if (activityId) await kit.threads.update(t.reference, (x) => ({ ...x, passActivityId: activityId }));
  return 'delivered';
}

/** Replaces the pass message, then records the redaction. If the update fails, the next sweep retries. */
export async function redactPass(kit: TapKit, requestId: string, reason: RedactionReason): Promise<boolean> {
  const service = kit.service();
  const r = await service.get(requestId);
  if (!r?.issuance || r.issuance.redactedAt) return false;
  const t = await kit.threads.get(r.correlationId);
  const activityId = r.issuance.deliveredActivityId;
  if (activityId && t) {
    const ref = await employeeReference(kit, r, t);
    if (!ref) {
      kit.log.warn({ requestId }, 'cannot reach the chat of the pass message; redaction retried later');
      return false;
    }
    await kit.messenger.update(ref, activityId, cardActivity(renderTapPassCard(kit.cards, { kind: 'redacted', reason })));
  }
  const done = await service.redact(requestId, reason);
  return done.ok;
}
