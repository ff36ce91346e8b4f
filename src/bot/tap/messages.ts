/**
 * The messages of one escalation outside the card the clicker sees: the channel post (posted
 * once, then updated in place for everyone), the employee's notices and pass message, the
 * manager's card. Each send failure is logged and thrown to the caller, never swallowed here.
 */
import { CardFactory, MessageFactory, type ConversationReference } from 'botbuilder';
import type { TapRequest } from '../../approvals/model';
import { renderManagerConfirmCard } from '../../cards/managerConfirmCard';
import { renderNoticeCard } from '../../cards/noticeCard';
import type { AdaptiveCard } from '../../cards/renderCard';
import { renderTapRequestCard, type VerificationCardPart } from '../../cards/tapRequestCard';
import { fill } from '../../i18n/en';
import { asConversationReference, CONVERSATION_REFS, loadConversationReference, StoredReferenceSchema } from '../conversationRefs';
import type { TapKit } from './kit';
import type { Thread } from './threads';
import { formatTime, isOpen, requestCardInput } from './view';
import { verificationFor } from './verification';

import { inRecipientLocale, inTenantLocale } from '../storedReader';
import type { Strings } from '../../i18n/en';

export const cardActivity = (card: AdaptiveCard) => MessageFactory.attachment(CardFactory.adaptiveCard(card));

/** The employee's own 1:1 chat, and only that: the stored reference must belong to the requester. */
export async function employeeReference(kit: TapKit, r: TapRequest, t: Thread): Promise<Partial<ConversationReference> | undefined> {
  const stored = await loadConversationReference(kit.store, t.employeeConversationId);
  if (!stored || stored.tenantId !== r.tenantId || stored.userAadObjectId !== r.requester.aadObjectId) return undefined;
  const type = (stored.reference.conversation as { conversationType?: unknown }).conversationType;
  if (type !== undefined && type !== 'personal') return undefined;
  return asConversationReference(stored);
}

/** The 1:1 chat the bot has with someone (the manager): a scan of stored references. */
export async function personalReferenceOf(kit: TapKit, tenantId: string, aadObjectId: string): Promise<{ conversationId: string; reference: Partial<ConversationReference> } | undefined> {
  let after: string | undefined;
  for (let page = 0; page < 20; page++) {
    const items = await kit.store.list<unknown>(CONVERSATION_REFS, { limit: 500, ...(after ? { after } : {}) });
    for (const item of items) {
      const parsed = StoredReferenceSchema.safeParse(item.value);
      if (!parsed.success || parsed.data.tenantId !== tenantId || parsed.data.userAadObjectId !== aadObjectId) continue;
      const type = (parsed.data.reference.conversation as { conversationType?: unknown }).conversationType;
      if (type === undefined || type === 'personal') return { conversationId: item.key, reference: asConversationReference(parsed.data) };
    }
    if (items.length < 500) return undefined;
    after = items[items.length - 1]?.key;
  }
  return undefined;
}

export function channelCard(kit: TapKit, r: TapRequest, t: Thread, userIds: string[], verification?: VerificationCardPart): AdaptiveCard {
  const s = kit.cards.strings;
  const notice = r.state === 'awaiting_manager' && t.manager?.unreachable ? fill(s.tap.managerUnreachable, { name: r.managerConfirmation.manager?.displayName ?? '-' }) : undefined;
  return renderTapRequestCard(kit.cards, requestCardInput(s, r, t, 'readOnly', { userIds, ...(notice ? { notice } : {}), ...(verification ? { verification } : {}) }));
}

/** Runs `fn` in the employee's language (their choice, else their Teams language from the last activity). */
export async function asEmployee<T>(kit: TapKit, t: Thread, fn: () => Promise<T>): Promise<T> {
  return inRecipientLocale(kit.locales, await loadConversationReference(kit.store, t.employeeConversationId), fn);
}

/** Runs `fn` in the language of the employee behind a request (the sweep's deliveries and watches). */
export async function asRequester<T>(kit: TapKit, correlationId: string | undefined, fn: () => Promise<T>): Promise<T> {
  const t = await kit.threads.get(correlationId);
  return t ? asEmployee(kit, t, fn) : fn();
}

/** Posts the request card to the helpdesk channel the first time, then updates it in place (in the tenant's language). */
export async function syncChannelCard(kit: TapKit, r: TapRequest, t: Thread): Promise<Thread> {
  return inTenantLocale(kit.locales, () => postChannelCard(kit, r, t));
}

async function postChannelCard(kit: TapKit, r: TapRequest, t: Thread): Promise<Thread> {
  const verification = isOpen(r) ? await verificationFor(kit, r) : undefined;
  const activity = cardActivity(channelCard(kit, r, t, await kit.approvers.userIds(r.tenantId), verification));
  if (t.channel) {
    await kit.messenger.update(t.channel.reference as Partial<ConversationReference>, t.channel.activityId, activity);
    return t;
  }
  const employee = await loadConversationReference(kit.store, t.employeeConversationId);
  const reference = await kit.channels.resolve(r.tenantId, employee ? asConversationReference(employee) : undefined);
  if (!reference?.conversation) throw new Error('no helpdesk channel is configured');
  const activityId = await kit.messenger.send(reference, activity);
  const channel = { conversationId: reference.conversation.id, activityId, reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown> };
  return (await kit.threads.update(t.reference, (x) => ({ ...x, channel }))) ?? { ...t, channel };
}

/** A notice in the employee's chat, worded in the employee's language. */
export async function tellEmployee(kit: TapKit, r: TapRequest, t: Thread, words: (s: Strings['tap']) => { title: string; text: string }): Promise<void> {
  const ref = await employeeReference(kit, r, t);
  if (!ref) {
    kit.log.warn({ requestId: r.id }, 'no 1:1 chat with the employee; notice not sent');
    return;
  }
  await asEmployee(kit, t, async () => {
    const { title, text } = words(kit.cards.strings.tap);
    await kit.messenger.send(ref, cardActivity(renderNoticeCard(kit.cards, { title, text, reference: t.reference, showSecurityLine: true })));
  });
}

export function managerCardFacts(kit: TapKit, r: TapRequest) {
  const s = kit.cards.strings;
  return [
    { title: s.helpdesk.factEmployee, value: `${r.requester.displayName} (${r.requester.upn})` },
    { title: s.helpdesk.factRequested, value: formatTime(r.createdAt) },
    { title: s.tap.factReason, value: r.reason },
  ];
}

/** "Did <name> ask for a pass?" in the manager's 1:1 chat; unreachable managers are shown on the channel card. */
export async function askManager(kit: TapKit, r: TapRequest, t: Thread): Promise<Thread> {
  const manager = r.managerConfirmation.manager;
  if (!manager) return t;
  const found = await personalReferenceOf(kit, r.tenantId, manager.aadObjectId);
  if (!found) {
    return (await kit.threads.update(t.reference, (x) => ({ ...x, manager: { aadObjectId: manager.aadObjectId, unreachable: true } }))) ?? t;
  }
  // In the manager's own language (their choice or Teams locale, stored with their chat).
  const stored = await loadConversationReference(kit.store, found.conversationId);
  const card = inRecipientLocale(kit.locales, stored, () => renderManagerConfirmCard(kit.cards, { requestId: r.id, employeeName: r.requester.displayName, facts: managerCardFacts(kit, r) }));
  const activityId = await kit.messenger.send(found.reference, cardActivity(card));
  return (await kit.threads.update(t.reference, (x) => ({ ...x, manager: { aadObjectId: manager.aadObjectId, conversationId: found.conversationId, activityId } }))) ?? t;
}
