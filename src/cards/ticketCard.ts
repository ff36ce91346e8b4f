/** A helpdesk ticket (or security incident) in the channel: "Assign to me", "Resolved". */
import { fill } from '../i18n/en';
import type { CardContext } from './cardContext';
import type { Fact } from './evidence';
import type { AdaptiveCard } from './renderCard';

export interface TicketCardInput {
  ticketId: string;
  kind: 'ticket' | 'incident';
  employeeName: string;
  state: 'open' | 'assigned' | 'resolved';
  status: string;
  notice?: string;
  facts: Fact[];
  findings: string[];
  evidence: Array<{ title: string; facts: Fact[] }>;
}

export function renderTicketCard(ctx: CardContext, input: TicketCardInput): AdaptiveCard {
  const h = ctx.strings.helpdesk;
  const incident = input.kind === 'incident';
  return ctx.renderer.render('ticket', {
    ticketId: input.ticketId,
    title: fill(incident ? h.incidentTitle : h.ticketTitle, { name: input.employeeName }),
    text: fill(incident ? h.incidentText : h.ticketText, { name: input.employeeName }),
    statusLabel: ctx.strings.tap.statusLabel,
    status: input.status,
    hasNotice: input.notice !== undefined && input.notice !== '',
    notice: input.notice ?? '',
    facts: input.facts,
    findingsTitle: h.findingsTitle,
    findings: (input.findings.length > 0 ? input.findings : [ctx.strings.tap.none]).map((text) => ({ text })),
    evidenceToggle: h.evidenceToggle,
    hideToggle: h.hideEvidenceToggle,
    evidence: input.evidence.filter((e) => e.facts.length > 0),
    resolved: input.state === 'resolved',
    canAssign: input.state === 'open',
    assignToMe: h.assignToMe,
    resolvedLabel: h.resolved,
    resolveStyle: input.state === 'open' ? 'default' : 'positive',
  });
}
