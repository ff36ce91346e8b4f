/**
 * The answer of an invoke whose work outlived the deadline: saved in the conversation's flow
 * (unless the employee has moved on meanwhile) and shown in place of the "Checking…" card
 * (updateActivity of the pressed message; a follow-up message in the same chat when that fails).
 * In a shared conversation the pressed message is everyone's, and the answer is the clicker's own
 * view, so it is not written over it: the services that own such cards update them for everyone
 * (the pass request's channel post, campaign progress), and a re-sent or refresh invoke gets the
 * stored answer.
 */
import { TurnState } from '@microsoft/teams-ai';
import { CardFactory, MessageFactory, type ConversationReference, type TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../../cards/renderCard';
import { describeError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import { readFlow, writeFlow, type ConversationData, type FlowState } from '../state';
import type { BotServices } from '../turn';

/** Which flow the work started from: its id, step and last change, or none. */
export type FlowStamp = { flowId: string; step: string; updatedAt: string } | undefined;

export function stampOf(flow: FlowState | undefined): FlowStamp {
  return flow ? { flowId: flow.flowId, step: flow.step, updatedAt: flow.updatedAt } : undefined;
}

function sameStamp(a: FlowStamp, b: FlowStamp): boolean {
  return a === undefined ? b === undefined : b !== undefined && a.flowId === b.flowId && a.step === b.step && a.updatedAt === b.updatedAt;
}

export interface LateAnswer {
  reference: Partial<ConversationReference>;
  /** The message that carries the pressed card. */
  replyToId?: string;
  shared: boolean;
  stamp: FlowStamp;
  flow: FlowState | undefined;
  card: AdaptiveCard;
  log: Logger;
  /** Show the card only when the flow is still the one the work started from (an unasked-for update). */
  onlyIfCurrent?: boolean;
}

export type LateOutcome = 'updated' | 'followUp' | 'keptForRefresh' | 'movedOn';

/** Writes the work's flow unless the conversation moved on meanwhile; says whether it did. */
async function save(svc: BotServices, ctx: TurnContext, a: LateAnswer): Promise<boolean> {
  const state = new TurnState<ConversationData>();
  await state.load(ctx, svc.deps.storage);
  if (!sameStamp(stampOf(readFlow(state)), a.stamp)) {
    a.log.info('the conversation moved on while the work ran; its flow is left as it is');
    return false;
  }
  writeFlow(state, a.flow);
  await state.save(ctx, svc.deps.storage);
  return true;
}

async function show(ctx: TurnContext, a: LateAnswer): Promise<LateOutcome> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(a.card));
  if (a.shared) return 'keptForRefresh';
  if (a.replyToId) {
    try {
      await ctx.updateActivity({ ...activity, id: a.replyToId });
      return 'updated';
    } catch (e) {
      a.log.warn({ err: describeError(e) }, 'could not update the pressed card; sending the answer as a new message');
    }
  }
  ctx.onSendActivities(async (_c, activities, next) => {
    for (const x of activities) delete x.replyToId;
    return next();
  });
  await ctx.sendActivity(activity);
  return 'followUp';
}

/** Continues the conversation proactively; throws what failed inside (the adapter would swallow it). */
export async function deliverLate(svc: BotServices, a: LateAnswer): Promise<LateOutcome> {
  const adapter = svc.deps.adapter;
  if (!adapter) throw new Error('no adapter for proactive messages');
  await svc.deps.sendBudget?.acquire(a.reference.conversation?.tenantId ?? '');
  let result: { ok: true; value: LateOutcome } | { ok: false; error: unknown } | undefined;
  await adapter.continueConversationAsync(svc.deps.botAppId ?? '', a.reference, async (ctx) => {
    try {
      const current = await save(svc, ctx, a);
      result = { ok: true, value: !current && a.onlyIfCurrent ? 'movedOn' : await show(ctx, a) };
    } catch (error) {
      result = { ok: false, error };
    }
  });
  if (!result) throw new Error('the proactive turn did not run');
  if (!result.ok) throw result.error;
  return result.value;
}
