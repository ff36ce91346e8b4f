/** Asking: after a diagnosis, the question that resolves it (once per conversation), or none. */
import { renderClarifyCard } from '../../cards/clarifyCard';
import type { AdaptiveCard } from '../../cards/renderCard';
import type { FlowState } from '../state';
import { touch, type BotServices, type Turn } from '../turn';
import { adjustFindings } from './adjust';
import { ANSWERS, applyMemory, readMemory, writeMemory, type Memory, type QuestionId } from './memory';
import { pickQuestion } from './pick';

/** Conversation memory of this turn (an unloaded state remembers nothing). */
export function memoryOf(turn: Turn): Memory {
  try {
    return readMemory(turn.state.conversation);
  } catch {
    return { asked: [] };
  }
}

export function remember(turn: Turn, memory: Memory): void {
  try {
    writeMemory(turn.state.conversation, memory);
  } catch (e) {
    turn.log.warn({ err: e instanceof Error ? e.message : String(e) }, 'clarifying answers not remembered');
  }
}

/** Before a diagnosis: what the employee already told us in this conversation. */
export function applyRemembered(turn: Turn, flow: FlowState): void {
  applyMemory(flow, memoryOf(turn));
}

/** After a diagnosis: answers that change the advice, then the next question (marked as asked). */
export function clarifyAfterDiagnosis(svc: BotServices, turn: Turn, flow: FlowState): AdaptiveCard | undefined {
  const memory = memoryOf(turn);
  if (flow.diagnosis) flow.diagnosis.findings = adjustFindings(flow.diagnosis.findings, memory, svc.cards.strings);
  const question = pickQuestion(flow.diagnosis?.findings ?? [], flow, memory);
  if (!question) return undefined;
  return ask(svc, turn, flow, question, memory);
}

export function ask(svc: BotServices, turn: Turn, flow: FlowState, question: QuestionId, memory: Memory): AdaptiveCard {
  remember(turn, { ...memory, asked: [...memory.asked, question] });
  touch(svc, flow, 'clarifying');
  turn.log.info({ question }, 'clarifying question asked');
  return renderClarifyCard(svc.cards, { flowId: flow.flowId, question, answers: ANSWERS[question], canSkip: true });
}
