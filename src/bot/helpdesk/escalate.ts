/**
 * The real "Talk to the helpdesk": a pass request when a Temporary Access Pass is the remedy
 * (Account Recovery offered first when the tenant uses it), otherwise a ticket an agent can take.
 * Refused pass requests (privileged account, policy) become tickets too, never a dead end.
 */
import type { FindingSnapshot } from '../../approvals/model';
import { renderEscalationRecoveryCard } from '../../cards/escalationRecoveryCard';
import { renderNoticeCard } from '../../cards/noticeCard';
import { needsPass } from '../../diagnosis/remedy';
import { FINDING_CODES, type FindingCode } from '../../diagnosis/types';
import { describeError } from '../../shared/errors';
import { asConversationReference, loadConversationReference } from '../conversationRefs';
import { createRecordingEscalationService, type EscalationOutcome, type EscalationRequest, type EscalationService } from '../escalation';
import type { TapKit } from '../tap/kit';
import { parseRiskProfile, riskSignalsOf, type RiskProfile } from '../tap/profile';
import type { FindingDetail } from '../tap/threads';
import { agentTitle } from '../../cards/agentFindings';
import { contactOf } from './contact';
import { NoHelpdeskChannelError, openTicket } from './ticketPost';

export { NO_TAP, TAP_REMEDIES, needsPass } from '../../diagnosis/remedy';

function details(req: EscalationRequest): FindingDetail[] {
  const known = new Map((req.findingDetails ?? []).map((f) => [f.code, f]));
  return req.findings.map((code) => {
    const d = known.get(code);
    return { code, evidence: d?.evidence ?? {}, ...(d?.severity ? { severity: d.severity } : {}), ...(d?.title ? { title: d.title } : {}) };
  });
}

function snapshots(findings: FindingDetail[]): FindingSnapshot[] {
  return findings.filter((f) => (FINDING_CODES as readonly string[]).includes(f.code)).map((f) => ({ code: f.code as FindingCode, evidence: f.evidence }));
}

export const FILED_COLLECTION = 'escalations-filed';

export function createHelpdeskEscalationService(kit: TapKit): EscalationService {
  const recording = createRecordingEscalationService(kit.store, kit.newReference);
  const s = kit.cards.strings;
  const notice = (title: string, text: string, reference: string) => renderNoticeCard(kit.cards, { title, text, reference, showSecurityLine: true });

  async function profileOf(userId: string): Promise<RiskProfile> {
    try {
      return parseRiskProfile(await kit.backend.riskProfile({ user: userId }));
    } catch (e) {
      kit.log.warn({ err: describeError(e) }, 'risk profile unavailable; the request card shows less');
      return {};
    }
  }

  async function ticket(req: EscalationRequest, reference: string, name: string, profile: RiskProfile, note?: string): Promise<EscalationOutcome> {
    try {
      await openTicket(kit, {
        tenantId: req.tenantId,
        kind: 'ticket',
        employeeId: req.userAadObjectId,
        employeeName: name,
        employeeConversationId: req.conversationId,
        reference,
        findings: details(req),
        contact: contactOf(profile),
        ...(note ? { note } : {}),
      });
      await markFiled(reference);
      return { reference, alreadyRequested: false, card: notice(s.notices.escalatedTitle, s.helpdesk.employeeTicketFiled, reference) };
    } catch (e) {
      // Only a missing channel is "no helpdesk channel"; anything else is not filed, and pressing again files it.
      if (!(e instanceof NoHelpdeskChannelError)) throw e;
      kit.log.warn({ reference, err: describeError(e) }, 'ticket not posted');
      return { reference, alreadyRequested: false, card: notice(s.notices.escalatedTitle, s.helpdesk.noChannel, reference) };
    }
  }

  /** Marks an escalation as filed (a ticket or a pass request exists), so a second ask is "already asked". */
  async function markFiled(reference: string): Promise<void> {
    await kit.store.put(FILED_COLLECTION, reference, { at: kit.clock.now().toISOString() });
  }
  async function wasFiled(reference: string): Promise<boolean> {
    return (await kit.store.get(FILED_COLLECTION, reference)) !== undefined || (await kit.threads.get(reference))?.requestId !== undefined;
  }

  return {
    async request(req, turn) {
      const pass = needsPass(req.findings) && kit.hasService();
      if (pass && kit.accountRecovery.enabled && !req.skipRecovery) {
        return { reference: '', alreadyRequested: false, card: renderEscalationRecoveryCard(kit.cards, { flowId: req.flowId, url: kit.accountRecovery.url }) };
      }
      const employee = await loadConversationReference(kit.store, req.conversationId);
      if (!(await kit.channels.resolve(req.tenantId, employee ? asConversationReference(employee) : undefined))) {
        kit.log.warn({ tenantId: req.tenantId }, 'escalation without a helpdesk channel');
        return { reference: '', alreadyRequested: false, card: notice(s.notices.escalatedTitle, s.helpdesk.noChannel, '-') };
      }
      // The employee's own sign-in proves who asks; taken before anything is recorded, because
      // Teams answers the login request by re-sending this same card action.
      const employeeToken = pass && turn ? await kit.proof.require(turn) : undefined;
      const recorded = await recording.request(req);
      // "You already asked" only when the earlier ask was filed; one cut short by an outage is filed now.
      if (recorded.alreadyRequested && (await wasFiled(recorded.reference))) return recorded;
      if (recorded.alreadyRequested) kit.log.info({ reference: recorded.reference }, 'an earlier escalation of this flow was not filed; filing it now');
      const reference = recorded.reference;
      const profile = await profileOf(req.userAadObjectId);
      const name = req.employeeName ?? profile.user?.displayName ?? 'The employee';
      if (!pass) return ticket(req, reference, name, profile);

      const findings = details(req);
      if (!(await kit.threads.get(reference))) await kit.threads.create({ reference, tenantId: req.tenantId, employeeConversationId: req.conversationId, employeeName: name, findings, profile });
      const result = await kit.service().request({
        tenantId: req.tenantId,
        requester: { aadObjectId: req.userAadObjectId, displayName: name, upn: profile.user?.userPrincipalName ?? req.userAadObjectId },
        reason: findings[0] ? agentTitle(s, findings[0]) : 'cannot register an MFA method',
        findings: snapshots(findings),
        riskSignals: riskSignalsOf(profile, kit.clock.now()),
        correlationId: reference,
      }, employeeToken ? { token: employeeToken } : {});
      if (result.ok) {
        await markFiled(reference);
        // The employee may withdraw the request (with their own sign-in) while it is open.
        const card = renderNoticeCard(kit.cards, { title: s.tap.requestedTitle, text: s.tap.requestedText, reference, showSecurityLine: true, cancelRequestId: result.value.id });
        return { reference, alreadyRequested: false, card };
      }
      kit.log.info({ reference, refused: result.reason }, 'pass request refused; escalating as a ticket');
      if (result.reason === 'already_requested') return { reference, alreadyRequested: true, card: notice(s.tap.requestedTitle, s.tap.alreadyRequestedText, reference) };
      const outcome = await ticket(req, reference, name, profile, result.message);
      return result.reason === 'privileged_target' ? { ...outcome, card: notice(s.notices.escalatedTitle, s.tap.privilegedText, reference) } : outcome;
    },
  };
}
