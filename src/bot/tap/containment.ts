/**
 * "This wasn't me", the bot's part: carry the employee's own token to the backend, which deletes
 * the pass and every method added after it, revokes the sessions, optionally blocks sign-in and
 * records an incident. The incident card goes to the helpdesk channel next, on its own (the
 * employee's chat may be the attacker's); the backend lists incidents until the bot has taken them
 * (maintenance posts any left over). The employee is told exactly what was and was not done.
 */
import type { Person, TapRequest } from '../../approvals/model';
import type { ContainResponse, Incident, RemovedMethod } from '../../backend/api';
import { fill } from '../../i18n/en';
import { describeError } from '../../shared/errors';
import { contactOf } from '../helpdesk/contact';
import { openTicket } from '../helpdesk/ticketPost';
import type { TapKit } from './kit';
import type { Thread } from './threads';

const REASON = 'the employee reported sign-in methods they did not add';

function methodNames(kit: TapKit, methods: RemovedMethod[]): string {
  const names = kit.cards.strings.methods as Record<string, string>;
  return methods.map((m) => `${names[m.kind] ?? m.kind}${m.displayName ? ` (${m.displayName})` : m.phoneType ? ` (${m.phoneType})` : ''}`).join(', ');
}

/** What the employee reads: exactly what was removed, what was not, and what happens next. */
export function containmentText(kit: TapKit, c: ContainResponse, alerted: boolean): string {
  const s = kit.cards.strings.tap;
  const lines = [c.removed.length > 0 ? fill(s.notMeRemoved, { methods: methodNames(kit, c.removed) }) : s.notMeNoneRemoved];
  if (c.notRemoved.length > 0) lines.push(fill(s.notMeNotRemoved, { methods: methodNames(kit, c.notRemoved) }));
  if (c.passesRemoved.length > 0) lines.push(s.notMePassRemoved);
  lines.push(c.sessionsRevoked ? s.notMeSessions : s.notMeSessionsFailed);
  if (c.signInBlocked) lines.push(s.notMeBlocked);
  if (c.auditLogUnavailable) lines.push(s.notMeAuditGap);
  lines.push(alerted ? s.notMeAlerted : s.notMeAlertFailed);
  return lines.join(' ');
}

function incidentNote(kit: TapKit, c: ContainResponse): string {
  const s = kit.cards.strings.tap;
  const none = s.none;
  return fill(s.incidentNote, {
    removed: c.removed.length > 0 ? methodNames(kit, c.removed) : none,
    notRemoved: c.notRemoved.length > 0 ? methodNames(kit, c.notRemoved) : none,
    sessions: String(c.sessionsRevoked),
    blocked: String(c.signInBlocked),
  });
}

/** Posts the incident card (once: the ticket id is the incident id), then tells the backend it was taken. */
export async function postIncident(kit: TapKit, c: ContainResponse, r: TapRequest, t: Thread): Promise<boolean> {
  try {
    if (!(await kit.tickets.get(c.incidentId))) {
      await openTicket(kit, {
        id: c.incidentId,
        tenantId: r.tenantId,
        kind: 'incident',
        employeeId: r.requester.aadObjectId,
        employeeName: r.requester.displayName,
        employeeConversationId: t.employeeConversationId,
        reference: t.reference,
        findings: t.findings,
        contact: contactOf(t.profile),
        note: incidentNote(kit, c),
      });
    }
  } catch (e) {
    kit.log.error({ requestId: r.id, incidentId: c.incidentId, err: describeError(e) }, 'could not raise the incident in the helpdesk channel');
    return false;
  }
  // The ticket exists (its post is retried until it lands): the backend may stop listing it.
  await kit.backend.incidentPosted?.(c.incidentId).catch((e: unknown) => kit.log.warn({ incidentId: c.incidentId, err: describeError(e) }, 'incident not marked taken; listed again next time'));
  return true;
}

/** The employee's claim, with their token: contain, raise the incident, record the revocation. Returns the employee's text. */
export async function reportTakeover(kit: TapKit, r: TapRequest, t: Thread, who: Person, employeeToken: string): Promise<string> {
  const s = kit.cards.strings.tap;
  if (!kit.backend.containTakeover) return s.notMeFailed;
  let contained: ContainResponse;
  try {
    contained = await kit.backend.containTakeover({ requestId: r.id, employeeId: who.aadObjectId, employeeToken });
  } catch (e) {
    kit.log.error({ requestId: r.id, err: describeError(e) }, 'containment failed after "This wasn\'t me"');
    await kit.audit({ action: 'incident.containment_failed', actor: who.aadObjectId, subject: r.requester.aadObjectId, details: { requestId: r.id, error: describeError(e).slice(0, 300) } });
    return s.notMeFailed;
  }
  // The helpdesk first: this does not depend on the employee's chat.
  const alerted = await postIncident(kit, contained, r, t);
  if (r.state === 'issued' || r.state === 'delivered') {
    const revoked = await kit.service().revoke(r.id, who, REASON);
    if (!revoked.ok) kit.log.warn({ requestId: r.id, reason: revoked.reason }, 'approval record not revoked');
  }
  return containmentText(kit, contained, alerted);
}

/** Maintenance: incidents the backend raised that no instance has posted yet (e.g. a crash in between). */
export async function postPendingIncidents(kit: TapKit): Promise<number> {
  if (!kit.backend.pendingIncidents) return 0;
  let posted = 0;
  for (const incident of (await kit.backend.pendingIncidents()).incidents) {
    const found = await threadOf(kit, incident);
    if (!found) {
      kit.log.warn({ incidentId: incident.incidentId, requestId: incident.requestId }, 'incident for a request this bot does not know; left for the helpdesk audit');
      continue;
    }
    if (await postIncident(kit, incident, found.r, found.t)) posted++;
  }
  return posted;
}

async function threadOf(kit: TapKit, incident: Incident): Promise<{ r: TapRequest; t: Thread } | undefined> {
  const r = await kit.service().get(incident.requestId);
  const t = await kit.threads.get(r?.correlationId);
  return r && t ? { r, t } : undefined;
}
