/** "Assign to me" / "Resolved" on a ticket: helpdesk approvers only, checked at click time. */
import type { TurnContext } from 'botbuilder';
import { renderNoticeCard } from '../../cards/noticeCard';
import type { AdaptiveCard } from '../../cards/renderCard';
import type { VerbData } from '../../cards/verbs';
import type { TapKit } from '../tap/kit';
import { ticketCard, updateTicketPost } from './ticketPost';

export async function onTicketAction(kit: TapKit, ctx: TurnContext, d: VerbData<'ticketAssign'>, action: 'assign' | 'resolve'): Promise<AdaptiveCard> {
  const h = kit.cards.strings.helpdesk;
  const current = await kit.tickets.get(d.ticketId);
  if (!current) return renderNoticeCard(kit.cards, { title: h.ticketChanged, text: h.ticketChanged });
  const from = ctx.activity.from;
  const aad = from?.aadObjectId;
  if (!aad || !(await kit.approvers.check(aad))) {
    kit.log.info({ ticketId: current.id, action }, 'ticket action refused: not a helpdesk approver');
    return ticketCard(kit, current, h.notAgent);
  }
  await kit.approvers.remember(current.tenantId, { aadObjectId: aad, ...(from.id ? { id: from.id } : {}) });
  const me = { aadObjectId: aad, name: from.name ?? aad };
  const now = kit.clock.now().toISOString();
  const changed = await kit.tickets.change(current.id, (t) =>
    action === 'assign' ? { ...t, state: 'assigned', assignee: me } : { ...t, state: 'resolved', resolvedBy: me, resolvedAt: now, assignee: t.assignee ?? me },
  );
  if (!changed.ok) return ticketCard(kit, changed.ticket ?? current, h.ticketChanged);
  kit.log.info({ ticketId: current.id, action, by: aad }, 'ticket updated');
  await kit.audit({
    action: `${changed.ticket.kind}.${action === 'assign' ? 'assigned' : 'resolved'}`,
    actor: aad,
    subject: changed.ticket.employeeId,
    details: { ticketId: changed.ticket.id, reference: changed.ticket.reference },
  });
  await updateTicketPost(kit, changed.ticket).catch((e: unknown) => kit.log.warn({ err: String(e) }, 'ticket post not updated'));
  return ticketCard(kit, changed.ticket);
}
