/**
 * The guided rescue flow: welcome → (error code) → self-check link → account diagnosis →
 * findings → outcome ("It worked", "Still stuck", "Talk to the helpdesk").
 */
import { scheduleFollowUp } from './followUps';
import { renderAskErrorCard } from '../cards/askErrorCard';
import { renderCheckLinkCard } from '../cards/checkLinkCard';
import { renderErrorCodeCard } from '../cards/errorCodeCard';
import { renderEscalationOfferCard } from '../cards/escalationOfferCard';
import { renderFindingsCard } from '../cards/findingsCard';
import { renderFixStepCard } from '../cards/fixStepCard';
import { renderNoticeCard } from '../cards/noticeCard';
import type { Reader } from '../cards/readerTime';
import type { AdaptiveCard } from '../cards/renderCard';
import { renderWelcomeCard } from '../cards/welcomeCard';
import type { ClientFacts, MethodKind } from '../diagnosis/facts';
import { applyRemembered, clarifyAfterDiagnosis } from './clarify/ask';
import { notUnderstood } from './clarify/handlers';
import { saveConversationReference } from './conversationRefs';
import { freshnessGaps, staleLines, staleSources } from './freshness';
import { completeWhenEvidenceArrives } from './deferred/completion';
import { devicesFromFindings } from './deviceEvidence';
import { SYMPTOM_PLANS, type Symptom } from './intent';
import { startPasskeyGuide } from './passkeys/guide';
import type { FlowState } from './state';
import { startFlow, touch, type BotServices, type Turn } from './turn';

export function welcome(svc: BotServices, turn: Turn, variant: 'install' | 'guided'): AdaptiveCard {
  startFlow(svc, turn, 'welcome');
  return renderWelcomeCard(svc.cards, { variant });
}

export function askForError(svc: BotServices, turn: Turn): AdaptiveCard {
  const flow = startFlow(svc, turn, 'awaitingError');
  return renderAskErrorCard(svc.cards, { flowId: flow.flowId });
}

/** Free text (a message, or the text pasted into the ask-error card). */
export async function handleText(svc: BotServices, turn: Turn, text: string): Promise<AdaptiveCard> {
  const intent = await svc.intents.recognize(text);
  turn.log.info({ intent: intent.kind, symptom: intent.kind === 'symptom' ? intent.symptom : undefined }, 'message understood');
  switch (intent.kind) {
    case 'greeting':
    case 'restart':
      return welcome(svc, turn, 'install');
    case 'errorCode':
      return explainErrorCodes(svc, turn, intent.codes);
    case 'symptom':
      return applySymptom(svc, turn, intent.symptom);
    case 'passkeySetup':
      return startPasskeyGuide(svc, turn, intent);
    case 'help':
      return welcome(svc, turn, 'guided');
    case 'unknown':
      return notUnderstood(svc, turn, text);
  }
}

export function explainErrorCodes(svc: BotServices, turn: Turn, codes: string[]): AdaptiveCard {
  const flow = startFlow(svc, turn, 'errorCode');
  flow.pastedCodes = codes.slice(0, 5);
  const shown = flow.pastedCodes.map((code) => ({ code: /^\d+$/.test(code) ? `AADSTS${code}` : `0x${code}`, meaning: svc.errorCodes.meaning(code) }));
  return renderErrorCodeCard(svc.cards, { flowId: flow.flowId, codes: shown });
}

export async function applySymptom(svc: BotServices, turn: Turn, symptom: Symptom): Promise<AdaptiveCard> {
  const plan = SYMPTOM_PLANS[symptom];
  const flow = startFlow(svc, turn, 'welcome');
  flow.symptom = symptom;
  if (plan.method) flow.method = plan.method;
  if (plan.changedPhone) flow.changedPhone = true;
  return plan.next === 'browser' ? issueCheckLink(svc, turn, flow) : runDiagnosis(svc, turn, flow);
}

export async function chooseMethod(svc: BotServices, turn: Turn, method: MethodKind): Promise<AdaptiveCard> {
  const flow = startFlow(svc, turn, 'welcome');
  flow.method = method;
  return issueCheckLink(svc, turn, flow);
}

function noIdentity(svc: BotServices): AdaptiveCard {
  const n = svc.cards.strings.notices;
  return renderNoticeCard(svc.cards, { title: n.unknownUserTitle, text: n.noIdentityText });
}

/** Stores the conversation reference first (the results continue this chat), then the link. */
export async function issueCheckLink(svc: BotServices, turn: Turn, flow: FlowState): Promise<AdaptiveCard> {
  const user = turn.userAadObjectId;
  if (!user) return noIdentity(svc);
  await saveConversationReference(svc.deps.store, turn.ctx.activity, turn.tenantId, svc.deps.clock.now());
  const url = await svc.deps.checkPage.issueLink({ tenantId: turn.tenantId, userAadObjectId: user, conversationId: turn.conversationId });
  touch(svc, flow, 'checkLink');
  return renderCheckLinkCard(svc.cards, { flowId: flow.flowId, url });
}

function clientFacts(flow: FlowState): ClientFacts | undefined {
  const facts: ClientFacts = { ...(flow.client ?? {}) };
  if (flow.method) facts.attemptedMethod = flow.method;
  if (flow.changedPhone !== undefined) facts.changedPhone = flow.changedPhone;
  return Object.keys(facts).length > 0 ? facts : undefined;
}

export async function runDiagnosis(svc: BotServices, turn: Turn, flow: FlowState): Promise<AdaptiveCard> {
  const user = turn.userAadObjectId;
  if (!user) return noIdentity(svc);
  applyRemembered(turn, flow);
  const client = clientFacts(flow);
  const request = client ? { user, client } : { user };
  const result = await svc.deps.backend.diagnose(request);
  const findings = result.findings;
  flow.diagnosis = diagnosisState(svc, result);
  flow.findingIndex = 0;
  flow.pendingDeviceId = undefined;
  const devices = devicesFromFindings(findings);
  flow.devices = devices.removable;
  flow.joinedDevices = devices.joined;
  touch(svc, flow, 'diagnosed');
  turn.log.info({ findings: findings.map((f) => f.code), gaps: result.gaps.map((g) => g.source) }, 'diagnosis shown');
  await svc.outcomes.diagnosed(flowEvent(flow, user));
  const clarify = clarifyAfterDiagnosis(svc, turn, flow);
  if (clarify) return clarify;
  if (hasPending(result)) {
    // The card lists what is not in yet; it is replaced by the complete one when the evidence arrives.
    completeWhenEvidenceArrives(svc, turn, flow, {
      retry: async (shown) => {
        const again = await svc.deps.backend.diagnose(request);
        return hasPending(again) ? undefined : { ...shown, diagnosis: diagnosisState(svc, again), findingIndex: 0 };
      },
      render: (complete) => findingsCard(svc, complete, turn.reader),
    });
  }
  return findingsCard(svc, flow, turn.reader);
}

type DiagnoseResult = Awaited<ReturnType<BotServices['deps']['backend']['diagnose']>>;

function diagnosisState(svc: BotServices, result: DiagnoseResult): NonNullable<FlowState['diagnosis']> {
  const gaps = [...result.gaps.map((g) => ({ source: g.source, reason: g.reason })), ...freshnessGaps(result, svc.cards.strings)];
  const stale = staleSources(result);
  return { findings: result.findings, gaps, ...(stale.length > 0 ? { stale } : {}), at: result.diagnosedAt };
}

const hasPending = (result: DiagnoseResult): boolean => (result.evidence ?? []).some((e) => e.state === 'pending');

export function findingsCard(svc: BotServices, flow: FlowState, reader: Reader = {}): AdaptiveCard {
  return renderFindingsCard(svc.cards, {
    reader,
    flowId: flow.flowId,
    findings: flow.diagnosis?.findings ?? [],
    gaps: flow.diagnosis?.gaps ?? [],
    stale: staleLines(flow.diagnosis?.stale ?? [], svc.cards.strings),
    pastedCodes: flow.pastedCodes,
    symptomSteps: flow.symptom ? svc.cards.strings.understanding.symptomSteps[flow.symptom] : undefined,
  });
}

/** The outcome record's common part (codes in the order the card showed them). */
function flowEvent(flow: FlowState, user: string) {
  return { flowId: flow.flowId, user, codes: (flow.diagnosis?.findings ?? []).map((f) => f.code), startedAt: flow.startedAt ?? flow.updatedAt };
}

export async function itWorked(svc: BotServices, turn: Turn, flow: FlowState): Promise<AdaptiveCard> {
  const wasEscalated = flow.step === 'escalated';
  touch(svc, flow, 'closed');
  turn.log.info({ findings: flow.diagnosis?.findings.map((f) => f.code) }, 'employee reports fixed');
  if (turn.userAadObjectId && !wasEscalated) {
    const cleanedUp = (flow.devices ?? []).some((d) => d.status === 'removed');
    await svc.outcomes.ended({ ...flowEvent(flow, turn.userAadObjectId), outcome: cleanedUp ? 'fixed_after_cleanup' : 'fixed' });
    await scheduleFollowUp(svc, turn, flow);
  }
  const n = svc.cards.strings.notices;
  return renderNoticeCard(svc.cards, { title: n.thanksTitle, text: n.thanksText, showSecurityLine: true });
}

/** The next finding worth trying (info findings are not steps), or the helpdesk offer. */
export function stillStuck(svc: BotServices, turn: Turn, flow: FlowState): AdaptiveCard {
  const actionable = (flow.diagnosis?.findings ?? []).filter((f) => f.severity !== 'info');
  const next = flow.findingIndex + 1;
  touch(svc, flow, 'diagnosed');
  const finding = actionable[next];
  if (!finding) {
    turn.log.info('no more findings to try; offering the helpdesk');
    return renderEscalationOfferCard(svc.cards, { flowId: flow.flowId });
  }
  flow.findingIndex = next;
  return renderFixStepCard(svc.cards, { flowId: flow.flowId, finding, position: next + 1, total: actionable.length, pastedCodes: flow.pastedCodes });
}

/** Escalates this flow to the helpdesk. `skipRecovery`: the employee already declined Account Recovery. */
export async function talkToHelpdesk(svc: BotServices, turn: Turn, flow: FlowState, opts: { skipRecovery?: boolean } = {}): Promise<AdaptiveCard> {
  const n = svc.cards.strings.notices;
  const user = turn.userAadObjectId;
  if (!user) return noIdentity(svc);
  // The helpdesk answers (and a pass is delivered) in this chat: keep its reference.
  await saveConversationReference(svc.deps.store, turn.ctx.activity, turn.tenantId, svc.deps.clock.now());
  const outcome = await svc.escalations.request({
    tenantId: turn.tenantId,
    conversationId: turn.conversationId,
    userAadObjectId: user,
    flowId: flow.flowId,
    findings: (flow.diagnosis?.findings ?? []).map((f) => f.code),
    requestedAt: svc.deps.clock.now().toISOString(),
    findingDetails: flow.diagnosis?.findings ?? [],
    ...(turn.ctx.activity.from?.name ? { employeeName: turn.ctx.activity.from.name } : {}),
    ...(opts.skipRecovery ? { skipRecovery: true } : {}),
  }, turn.ctx);
  flow.escalation = { requestedAt: svc.deps.clock.now().toISOString(), reference: outcome.reference };
  touch(svc, flow, 'escalated');
  if (!outcome.alreadyRequested) await svc.outcomes.ended({ ...flowEvent(flow, user), outcome: 'escalated' });
  turn.log.info({ reference: outcome.reference, alreadyRequested: outcome.alreadyRequested }, 'escalation requested');
  if (outcome.card) return outcome.card;
  const text = outcome.alreadyRequested ? n.alreadyEscalatedText : n.escalatedText;
  return renderNoticeCard(svc.cards, { title: n.escalatedTitle, text, reference: outcome.reference, showSecurityLine: true });
}
