/**
 * One turn of the conversation as the flow sees it (ids, logger, the flow state) and how a reply
 * reaches the employee: a card in the invoke response for button presses, a message otherwise.
 */
import { ActivityTypes, CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { CardContext } from '../cards/cardContext';
import type { Catalogues } from '../i18n/catalogues';
import type { AdaptiveCard } from '../cards/renderCard';
import type { OutcomeRecorder } from '../insights/outcomes';
import type { Logger } from '../shared/logger';
import type { BotDeps, ErrorCodeKnowledge } from './deps';
import type { EscalationService } from './escalation';
import type { Reader } from '../cards/readerTime';
import type { IntentRecognizer } from './intent';
import { readerOfActivity, rememberReader } from './reader';
import { newFlow, type AppTurnState, type FlowState, type Step } from './state';
import { tenantOf } from './tenant';

/** Everything the handlers use, with the optional deps resolved. */
export interface BotServices {
  deps: BotDeps;
  cards: CardContext;
  /** The message catalogues, for choosing each reader's locale (src/bot/locale.ts). */
  catalogues: Catalogues;
  intents: IntentRecognizer;
  errorCodes: ErrorCodeKnowledge;
  escalations: EscalationService;
  newReference: () => string;
  newId: () => string;
  /** Rescue outcomes into the audit trail (insights). */
  outcomes: OutcomeRecorder;
}

export interface Turn {
  ctx: TurnContext;
  state: AppTurnState;
  conversationId: string;
  tenantId: string;
  /** The employee's Entra object id (Teams `from.aadObjectId`), when present. */
  userAadObjectId?: string;
  log: Logger;
  /** The flow as read at the start of the turn; handlers replace it and it is saved at the end. */
  flow: FlowState | undefined;
  /** The reader's time zone and locale (this activity's, or the conversation's last known). */
  reader: Reader;
}

export function makeTurn(svc: BotServices, ctx: TurnContext, state: AppTurnState, flow: FlowState | undefined, user?: string): Turn {
  const a = ctx.activity;
  const conversationId = a.conversation?.id ?? '';
  const tenantId = tenantOf(a) ?? '';
  const userAadObjectId = user ?? a.from?.aadObjectId ?? undefined;
  const log = svc.deps.logger.child({ conversationId, tenantId, userId: userAadObjectId, activityId: a.id });
  const reader = readerOf(state, a);
  return { ctx, state, conversationId, tenantId, userAadObjectId, log, flow, reader };
}

/** The turn's reader; a state that was never loaded (a bare proactive turn) remembers nothing. */
function readerOf(state: AppTurnState, a: TurnContext['activity']): Reader {
  try {
    return rememberReader(state.conversation, a);
  } catch {
    return readerOfActivity(a);
  }
}

/** Starts a new flow at `step` (a new flow id makes every older card stale). */
export function startFlow(svc: BotServices, turn: Turn, step: Step): FlowState {
  const flow = newFlow(svc.newId(), svc.deps.clock.now(), turn.userAadObjectId, step);
  turn.flow = flow;
  return flow;
}

export function touch(svc: BotServices, flow: FlowState, step: Step): FlowState {
  flow.step = step;
  flow.updatedAt = svc.deps.clock.now().toISOString();
  return flow;
}

export type Reply = AdaptiveCard;

export function isInvoke(ctx: TurnContext): boolean {
  return ctx.activity.type === ActivityTypes.Invoke;
}

export async function sendCard(ctx: TurnContext, card: AdaptiveCard): Promise<void> {
  await ctx.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
}

/** Invoke → the card replaces the pressed card (Universal Actions); otherwise → a new message. */
export async function deliver(ctx: TurnContext, card: AdaptiveCard): Promise<void> {
  if (isInvoke(ctx)) {
    await ctx.sendActivity({
      type: ActivityTypes.InvokeResponse,
      value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } },
    });
  } else {
    await sendCard(ctx, card);
  }
}

/** An Universal Actions error response (used only where no card should be shown). */
export async function deliverInvokeError(ctx: TurnContext, statusCode: number, code: string, message: string): Promise<void> {
  await ctx.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: { status: 200, body: { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } } },
  });
}
