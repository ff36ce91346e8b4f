/**
 * The person-proven controls on a request, and the "Ask for info" round trip:
 *  - an approver revokes an issued pass from the channel card (their own token; the backend checks
 *    the approvers group), then the approval record is revoked, the message redacted, the employee told;
 *  - the employee cancels their open request (their own token);
 *  - the approver's question reaches the employee's chat with an answer box; the answer goes back
 *    into the helpdesk thread. Free text crossing between people is made inert (no live links).
 */
import { MessageFactory, type ConversationReference, type TurnContext } from 'botbuilder';
import type { TapRequest } from '../../approvals/model';
import { renderNoticeCard } from '../../cards/noticeCard';
import type { AdaptiveCard } from '../../cards/renderCard';
import { renderTapInfoCard } from '../../cards/tapInfoCard';
import type { VerbData } from '../../cards/verbs';
import { fill } from '../../i18n/en';
import { isAppError } from '../../shared/errors';
import { inertText } from '../../shared/inertText';
import { tenantOf } from '../tenant';
import { card, clickerOf, gone, load, refusalText } from './actions';
import type { TapKit } from './kit';
import { asEmployee, cardActivity, employeeReference } from './messages';
import type { Thread } from './threads';
import { isOpen } from './view';

/** A backend refusal (AppError with details.reason) as the clicker's words; anything else is rethrown. */
function backendRefusal(kit: TapKit, e: unknown): string {
  if (!isAppError(e) || !['refused', 'forbidden', 'conflict', 'bad_request'].includes(e.kind)) throw e;
  const reason = typeof e.details.reason === 'string' ? e.details.reason : e.kind;
  const s = kit.cards.strings.tap;
  return s.refusals[reason] ?? fill(s.refusedGeneric, { reason: e.message });
}

export async function onTapRevoke(kit: TapKit, ctx: TurnContext, d: VerbData<'tapRevoke'>): Promise<AdaptiveCard> {
  const s = kit.cards.strings.tap;
  const found = await load(kit, d.requestId);
  if (!found) return gone(kit);
  const { r, t } = found;
  const reason = inertText(d.revokeReason ?? '', 1000);
  if (!reason) return card(kit, ctx, r, t, 'readOnly', s.revokeReasonMissing);
  const who = clickerOf(ctx);
  const token = await kit.proof.require(ctx);
  if (!kit.backend.revokeRequest) return card(kit, ctx, r, t, 'readOnly', s.refusals.not_authorized);
  try {
    await kit.backend.revokeRequest({ requestId: r.id, approverId: who.aadObjectId, approverToken: token, reason });
  } catch (e) {
    kit.log.info({ requestId: r.id, err: isAppError(e) ? e.details.reason : undefined }, 'pass revocation refused by the backend');
    return card(kit, ctx, r, t, 'readOnly', backendRefusal(kit, e));
  }
  const result = await kit.service().revoke(r.id, who, reason);
  const now = (await load(kit, r.id)) ?? found;
  return card(kit, ctx, now.r, now.t, 'readOnly', result.ok ? s.revokeDone : refusalText(kit, result));
}

function mineOnly(kit: TapKit, ctx: TurnContext, r: TapRequest | undefined): AdaptiveCard | undefined {
  const n = kit.cards.strings.notices;
  if (!r || clickerOf(ctx).aadObjectId !== r.requester.aadObjectId || tenantOf(ctx.activity) !== r.tenantId) return renderNoticeCard(kit.cards, { title: n.foreignTitle, text: n.foreignText });
  return undefined;
}

export async function onTapCancel(kit: TapKit, ctx: TurnContext, d: VerbData<'tapCancel'>): Promise<AdaptiveCard> {
  const s = kit.cards.strings.tap;
  const found = await load(kit, d.requestId);
  const foreign = mineOnly(kit, ctx, found?.r);
  if (foreign || !found) return foreign ?? gone(kit);
  const { r, t } = found;
  const closed = (why: string) => renderNoticeCard(kit.cards, { title: s.requestedTitle, text: fill(s.cancelNotPossible, { reason: why }), reference: t.reference });
  if (!isOpen(r)) return closed(s.status[r.state] ?? r.state);
  const who = clickerOf(ctx);
  const token = await kit.proof.require(ctx);
  if (kit.backend.cancelRequest) {
    try {
      await kit.backend.cancelRequest({ requestId: r.id, employeeId: who.aadObjectId, employeeToken: token });
    } catch (e) {
      return closed(backendRefusal(kit, e));
    }
  }
  const result = await kit.service().cancel(r.id, who, 'cancelled by the employee');
  if (!result.ok) return closed(refusalText(kit, result));
  return renderNoticeCard(kit.cards, { title: s.cancelledTitle, text: s.cancelledText, reference: t.reference });
}

/** The approver's question in the employee's 1:1 chat, with an answer box. */
export async function askEmployee(kit: TapKit, r: TapRequest, t: Thread, question: string): Promise<void> {
  const ref = await employeeReference(kit, r, t);
  if (!ref) {
    kit.log.warn({ requestId: r.id }, 'no 1:1 chat with the employee; question not sent');
    return;
  }
  // In the employee's language, like every notice to them.
  await asEmployee(kit, t, () => kit.messenger.send(ref, cardActivity(renderTapInfoCard(kit.cards, { requestId: r.id, question: inertText(question) }))));
}

/** The request's channel post as a reply thread ("19:…@thread.tacv2;messageid=<root>"). */
function threadReference(t: Thread): Partial<ConversationReference> | undefined {
  if (!t.channel) return undefined;
  const reference = t.channel.reference as Partial<ConversationReference>;
  const conversation = reference.conversation ?? { id: t.channel.conversationId, isGroup: true, conversationType: 'channel', name: '' };
  return { ...reference, conversation: { ...conversation, id: `${t.channel.conversationId.split(';')[0] ?? t.channel.conversationId};messageid=${t.channel.activityId}` } };
}

export async function onTapInfoAnswer(kit: TapKit, ctx: TurnContext, d: VerbData<'tapInfoAnswer'>): Promise<AdaptiveCard> {
  const s = kit.cards.strings.tap;
  const found = await load(kit, d.requestId);
  const foreign = mineOnly(kit, ctx, found?.r);
  if (foreign || !found) return foreign ?? gone(kit);
  const { r, t } = found;
  const answer = inertText(d.infoAnswer ?? '');
  const question = [...r.history].reverse().find((h) => h.event === 'ask_info')?.note ?? '';
  if (!answer) return renderTapInfoCard(kit.cards, { requestId: r.id, question: inertText(question), notice: s.infoAnswerEmpty });
  if (!isOpen(r)) return renderNoticeCard(kit.cards, { title: s.infoTitle, text: fill(s.cancelNotPossible, { reason: s.status[r.state] ?? r.state }), reference: t.reference });
  const ref = threadReference(t);
  if (!ref) return renderNoticeCard(kit.cards, { title: s.infoTitle, text: kit.cards.strings.helpdesk.noChannel, reference: t.reference });
  await kit.messenger.send(ref, MessageFactory.text(fill(s.infoAnswerChannel, { name: inertText(r.requester.displayName, 100), answer })));
  await kit.audit({ action: 'tap.info_answered', actor: r.requester.aadObjectId, subject: r.requester.aadObjectId, details: { requestId: r.id, answer } });
  return renderNoticeCard(kit.cards, { title: s.infoTitle, text: fill(s.infoAnswerSent, { answer }), reference: t.reference });
}
