/**
 * Card button presses (Action.Execute invokes). Each one is validated before anything happens:
 * the invoke shape, a known verb, the verb's data (zod), the flow the card belongs to (a card from
 * an earlier flow or step is stale) and its owner. Anything else gets a friendly card and no action.
 */
import { z } from 'zod';
import { renderNoticeCard } from '../cards/noticeCard';
import type { AdaptiveCard } from '../cards/renderCard';
import { isVerb, VERB_DATA, type Verb } from '../cards/verbs';
import { onClarify } from './clarify/handlers';
import { askToRemove, cancelRemove, confirmRemove, showDevices } from './devices';
import { onFollowUpAnswer } from './followUps';
import { askForError, chooseMethod, handleText, itWorked, runDiagnosis, stillStuck, talkToHelpdesk, welcome } from './flow';
import type { FlowState, Step } from './state';
import type { BotServices, Turn } from './turn';

export const InvokeValueSchema = z
  .object({
    action: z
      .object({ type: z.literal('Action.Execute'), verb: z.string().min(1).max(64), data: z.record(z.unknown()).optional() })
      .passthrough(),
    trigger: z.string().optional(),
  })
  .passthrough();

/** Steps in which a flow verb may be used; `any` = any step of the same flow. */
const ALLOWED: Partial<Record<Verb, readonly Step[] | 'any'>> = {
  submitError: ['awaitingError'],
  checkAccount: ['errorCode'],
  skipCheck: ['checkLink'],
  tryAgain: 'any',
  itWorked: ['diagnosed', 'deviceConfirm', 'escalated'],
  stillStuck: ['diagnosed', 'deviceConfirm'],
  talkToHelpdesk: 'any',
  showDevices: ['diagnosed'],
  removeDevice: ['diagnosed', 'deviceConfirm'],
  confirmRemoveDevice: ['deviceConfirm'],
  cancelRemoveDevice: ['diagnosed', 'deviceConfirm'],
  clarify: ['clarifying'],
};

type Rejection = 'malformed' | 'stale' | 'foreign';

function rejection(svc: BotServices, turn: Turn, why: Rejection, detail: Record<string, unknown>): AdaptiveCard {
  turn.log.warn({ rejected: why, ...detail }, 'card action rejected');
  const n = svc.cards.strings.notices;
  const [title, text] = why === 'stale' ? [n.staleTitle, n.staleText] : why === 'foreign' ? [n.foreignTitle, n.foreignText] : [n.malformedTitle, n.malformedText];
  return renderNoticeCard(svc.cards, { title, text });
}

export async function onCardAction(svc: BotServices, turn: Turn): Promise<AdaptiveCard> {
  const value = InvokeValueSchema.safeParse(turn.ctx.activity.value);
  if (!value.success) return rejection(svc, turn, 'malformed', { reason: 'invoke shape' });
  const verb = value.data.action.verb;
  if (!isVerb(verb)) return rejection(svc, turn, 'malformed', { reason: 'unknown verb', verb: verb.slice(0, 64) });
  const rawData = value.data.action.data ?? {};
  if (!VERB_DATA[verb].safeParse(rawData).success) return rejection(svc, turn, 'malformed', { reason: 'data', verb });
  const flow = turn.flow;
  if (flow?.owner && turn.userAadObjectId !== flow.owner) return rejection(svc, turn, 'foreign', { verb });
  turn.log.info({ verb }, 'card action');

  // Verbs that start a new flow: valid from any card.
  if (verb === 'chooseMethod') return chooseMethod(svc, turn, VERB_DATA.chooseMethod.parse(rawData).method);
  if (verb === 'reportError') return askForError(svc, turn);
  if (verb === 'startOver') return welcome(svc, turn, 'install');
  // "Did it stay fixed?" belongs to an ended rescue, not the current flow (the record checks the owner).
  if (verb === 'followUpAnswer') return (await onFollowUpAnswer(svc, turn, VERB_DATA.followUpAnswer.parse(rawData))) ?? rejection(svc, turn, 'stale', { verb });

  const allowed = ALLOWED[verb];
  const flowId = (rawData as { flowId?: unknown }).flowId;
  if (!flow || flow.flowId !== flowId) return rejection(svc, turn, 'stale', { verb, step: flow?.step });
  if (allowed !== 'any' && !allowed?.includes(flow.step)) return rejection(svc, turn, 'stale', { verb, step: flow.step });
  const card = await flowAction(svc, turn, flow, verb, rawData);
  return card ?? rejection(svc, turn, 'stale', { verb, step: flow.step, reason: 'device' });
}

async function flowAction(svc: BotServices, turn: Turn, flow: FlowState, verb: Verb, data: Record<string, unknown>): Promise<AdaptiveCard | undefined> {
  switch (verb) {
    case 'submitError': {
      const text = VERB_DATA.submitError.parse(data).errorText ?? '';
      return handleText(svc, turn, text);
    }
    case 'checkAccount':
    case 'skipCheck':
    case 'tryAgain':
      return runDiagnosis(svc, turn, flow);
    case 'itWorked':
      return itWorked(svc, turn, flow);
    case 'stillStuck':
      return stillStuck(svc, turn, flow);
    case 'talkToHelpdesk':
      return talkToHelpdesk(svc, turn, flow);
    case 'showDevices':
      return showDevices(svc, flow);
    case 'removeDevice':
      return askToRemove(svc, flow, VERB_DATA.removeDevice.parse(data).deviceId);
    case 'confirmRemoveDevice':
      return confirmRemove(svc, turn, flow, VERB_DATA.confirmRemoveDevice.parse(data).deviceId);
    case 'cancelRemoveDevice':
      return cancelRemove(svc, flow);
    case 'clarify':
      return onClarify(svc, turn, flow, VERB_DATA.clarify.parse(data));
    default:
      return undefined;
  }
}
