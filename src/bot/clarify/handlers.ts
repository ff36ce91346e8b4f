/**
 * Answers to clarifying questions and to the not-understood menu. An answer is remembered for the
 * conversation; one that changes the diagnosis input (new or lost phone, the method) runs the
 * diagnosis again, one that changes only the advice (the device) re-words the findings.
 */
import { renderClarifyCard } from '../../cards/clarifyCard';
import type { AdaptiveCard } from '../../cards/renderCard';
import type { VerbData } from '../../cards/verbs';
import { METHOD_KINDS, type MethodKind } from '../../diagnosis/facts';
import { applySymptom, askForError, chooseMethod, findingsCard, runDiagnosis } from '../flow';
import type { FlowState } from '../state';
import { startFlow, touch, type BotServices, type Turn } from '../turn';
import { clarifyAfterDiagnosis, memoryOf, remember } from './ask';
import { ANSWERS, DEVICE_ANSWERS, PHONE_ANSWERS, type Memory } from './memory';

const isOneOf = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);

/** Free text the recognizer could not place: say so, and offer the common choices. */
export function notUnderstood(svc: BotServices, turn: Turn, text: string): AdaptiveCard {
  const flow = startFlow(svc, turn, 'clarifying');
  const shown = text.trim().replace(/\s+/g, ' ');
  turn.log.info({ length: shown.length }, 'message not understood; choices offered');
  return renderClarifyCard(svc.cards, {
    flowId: flow.flowId,
    question: 'topic',
    answers: ANSWERS.topic,
    vars: { text: shown.length > 80 ? `${shown.slice(0, 79)}…` : shown },
    canSkip: false,
  });
}

/** Shows the findings (or the next question) of the diagnosis already made. */
function proceed(svc: BotServices, turn: Turn, flow: FlowState): AdaptiveCard {
  const next = clarifyAfterDiagnosis(svc, turn, flow);
  if (next) return next;
  touch(svc, flow, 'diagnosed');
  return findingsCard(svc, flow, turn.reader);
}

export async function onClarify(svc: BotServices, turn: Turn, flow: FlowState, data: VerbData<'clarify'>): Promise<AdaptiveCard | undefined> {
  const { question, answer } = data;
  if (question === 'topic') return onTopic(svc, turn, answer);
  if (answer === 'skip') return flow.diagnosis ? proceed(svc, turn, flow) : runDiagnosis(svc, turn, flow);
  if (!ANSWERS[question].includes(answer)) return undefined;
  const memory: Memory = memoryOf(turn);
  turn.log.info({ question, answer }, 'clarifying question answered');
  if (question === 'newPhone' && isOneOf(PHONE_ANSWERS, answer)) {
    remember(turn, { ...memory, newPhone: answer });
    flow.changedPhone = answer !== 'same';
    return flow.changedPhone || !flow.diagnosis ? runDiagnosis(svc, turn, flow) : proceed(svc, turn, flow);
  }
  if (question === 'method' && isOneOf(METHOD_KINDS, answer)) {
    remember(turn, { ...memory, method: answer });
    flow.method = answer;
    return runDiagnosis(svc, turn, flow);
  }
  if (question === 'device' && isOneOf(DEVICE_ANSWERS, answer)) {
    remember(turn, { ...memory, device: answer });
    return flow.diagnosis ? proceed(svc, turn, flow) : runDiagnosis(svc, turn, flow);
  }
  return undefined;
}

const TOPIC_METHODS: Record<string, MethodKind> = { authenticator: 'microsoftAuthenticator', phone: 'phone', securityKey: 'fido2' };

async function onTopic(svc: BotServices, turn: Turn, answer: string): Promise<AdaptiveCard | undefined> {
  const method = TOPIC_METHODS[answer];
  if (method) return chooseMethod(svc, turn, method);
  if (answer === 'error') return askForError(svc, turn);
  if (answer === 'newPhone') return applySymptom(svc, turn, 'new_phone');
  if (answer === 'locked') return applySymptom(svc, turn, 'locked');
  return undefined;
}
