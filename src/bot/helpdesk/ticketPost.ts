/** Opening a ticket (or incident) in the helpdesk channel, and showing it the same way to everyone. */
import type { ConversationReference } from 'botbuilder';
import type { Fact } from '../../cards/evidence';
import type { AdaptiveCard } from '../../cards/renderCard';
import { renderTicketCard } from '../../cards/ticketCard';
import { fill } from '../../i18n/en';
import { asConversationReference, loadConversationReference } from '../conversationRefs';
import type { TapKit } from '../tap/kit';
import { inTenantLocale } from '../storedReader';
import { cardActivity } from '../tap/messages';
import type { FindingDetail } from '../tap/threads';
import { findingEvidence, findingLines, formatTime } from '../tap/view';
import { contactRows, type Contact } from './contact';
import { queuePost } from './postRetry';
import type { Ticket } from './tickets';

export function ticketCard(kit: TapKit, t: Ticket, notice?: string): AdaptiveCard {
  const h = kit.cards.strings.helpdesk;
  const status =
    t.state === 'open'
      ? h.ticketStatus.open
      : t.state === 'assigned'
        ? fill(h.ticketStatus.assigned, { name: t.assignee?.name ?? '-' })
        : fill(h.ticketStatus.resolved, { name: t.resolvedBy?.name ?? '-', at: formatTime(t.resolvedAt) });
  const facts: Fact[] = [
    { title: h.factEmployee, value: t.employeeName },
    ...contactRows(kit.cards.strings, t.contact ?? { phones: [] }, t.employeeId),
    { title: h.factRequested, value: formatTime(t.createdAt) },
    { title: h.factReference, value: t.reference },
    ...(t.note ? [{ title: kit.cards.strings.tap.factReason, value: t.note }] : []),
  ];
  return renderTicketCard(kit.cards, {
    ticketId: t.id,
    kind: t.kind,
    employeeName: t.employeeName,
    state: t.state,
    status,
    ...(notice ? { notice } : {}),
    facts,
    findings: findingLines(kit.cards.strings, t.findings),
    evidence: findingEvidence(kit.cards.strings, t.findings),
  });
}

export interface NewTicket {
  /** The ticket id (an incident raised by the backend keeps its incident id); default: a new id. */
  id?: string;
  tenantId: string;
  kind: Ticket['kind'];
  employeeId: string;
  employeeName: string;
  employeeConversationId: string;
  reference: string;
  findings: FindingDetail[];
  note?: string;
  contact?: Contact;
}

export class NoHelpdeskChannelError extends Error {
  constructor() {
    super('no helpdesk channel is configured');
    this.name = 'NoHelpdeskChannelError';
  }
}

/** Creates the ticket and posts it (a failed post is queued for retry); throws when there is no helpdesk channel to post to. */
export async function openTicket(kit: TapKit, input: NewTicket): Promise<Ticket> {
  const employee = await loadConversationReference(kit.store, input.employeeConversationId);
  const reference = await kit.channels.resolve(input.tenantId, employee ? asConversationReference(employee) : undefined);
  if (!reference?.conversation) throw new NoHelpdeskChannelError();
  const { employeeConversationId: _c, id, ...rest } = input;
  const ticket: Ticket = { ...rest, id: id ?? kit.newId(), state: 'open', createdAt: kit.clock.now().toISOString() };
  await kit.tickets.create(ticket);
  await kit.audit({
    action: `${ticket.kind}.opened`,
    actor: ticket.kind === 'incident' ? ticket.employeeId : 'system',
    subject: ticket.employeeId,
    details: { ticketId: ticket.id, reference: ticket.reference, findings: ticket.findings.map((f) => f.code), ...(ticket.note ? { note: ticket.note } : {}) },
  });
  kit.log.info({ ticketId: ticket.id, kind: ticket.kind, reference: ticket.reference }, 'helpdesk ticket opened');
  try {
    return await postTicket(kit, ticket, reference);
  } catch (e) {
    // The ticket exists; its post is retried until it lands (postRetry.ts).
    await queuePost(kit, 'ticket', ticket.id, e, reference);
    return ticket;
  }
}

/** Posts the ticket card to the helpdesk channel and remembers the post. */
export async function postTicket(kit: TapKit, ticket: Ticket, reference: Partial<ConversationReference>): Promise<Ticket> {
  if (!reference.conversation) throw new NoHelpdeskChannelError();
  // The channel is read by many: the tenant's language, not the employee's whose turn posts it.
  const activityId = await kit.messenger.send(reference, cardActivity(inTenantLocale(kit.locales, () => ticketCard(kit, ticket))));
  const channel = { conversationId: reference.conversation.id, activityId, reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown> };
  await kit.tickets.attachPost(ticket.id, channel);
  return { ...ticket, channel };
}

/** Shows the ticket's new state to everyone in the channel (the clicker gets it as the invoke answer). */
export async function updateTicketPost(kit: TapKit, t: Ticket): Promise<void> {
  if (!t.channel) return;
  await kit.messenger.update(t.channel.reference as Partial<ConversationReference>, t.channel.activityId, cardActivity(inTenantLocale(kit.locales, () => ticketCard(kit, t))));
}
