/**
 * Browser self-check results → continue the employee's 1:1 chat proactively (stored conversation
 * reference + adapter.continueConversationAsync), diagnose with those client facts, send findings.
 */
import { TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { CheckBinding, CheckResultsHandler } from '../checkpage/types';
import { ClientFactsSchema, type ClientFacts } from '../diagnosis/facts';
import { AppError } from '../shared/errors';
import { createServices } from './services';
import { asConversationReference, loadConversationReference } from './conversationRefs';
import type { BotDeps } from './deps';
import { withBoundary } from './errors';
import { runDiagnosis } from './flow';
import { readFlow, writeFlow, type ConversationData } from './state';
import { makeTurn, sendCard, startFlow, type BotServices, type Turn } from './turn';
import { inLocale } from '../i18n/scope';
import { localeOfTurn } from './locale';

async function continueWithResults(svc: BotServices, ctx: TurnContext, binding: CheckBinding, facts: ClientFacts): Promise<void> {
  const state = new TurnState<ConversationData>();
  await state.load(ctx, svc.deps.storage);
  const turn = makeTurn(svc, ctx, state, readFlow(state), binding.userAadObjectId);
  // In the employee's language: their choice, else the Teams language remembered in the conversation.
  await inLocale(localeOfTurn(svc.catalogues, svc.deps.defaultLocale, state.conversation, ctx.activity), () => continueInLocale(svc, ctx, state, turn, binding, facts));
}

async function continueInLocale(svc: BotServices, ctx: TurnContext, state: TurnState<ConversationData>, turn: Turn, binding: CheckBinding, facts: ClientFacts): Promise<void> {
  const card = await withBoundary(svc, turn, async () => {
    const current = turn.flow;
    const flow = current && current.owner === binding.userAadObjectId && current.step !== 'closed' ? current : startFlow(svc, turn, 'checkLink');
    flow.client = facts;
    if (flow.method === undefined && facts.attemptedMethod) flow.method = facts.attemptedMethod;
    turn.flow = flow;
    turn.log.info({ flowStep: flow.step }, 'browser check results received');
    return runDiagnosis(svc, turn, flow);
  });
  writeFlow(state, turn.flow);
  await ctx.sendActivity(svc.cards.strings.notices.checkReceived);
  await sendCard(ctx, card);
  await state.save(ctx, svc.deps.storage);
}

export function createCheckResultsHandler(deps: BotDeps): CheckResultsHandler {
  const svc = createServices(deps);
  return async (binding, rawFacts) => {
    const facts = ClientFactsSchema.parse(rawFacts);
    const stored = await loadConversationReference(deps.store, binding.conversationId);
    if (!stored) throw new AppError('not_found', 'no conversation to continue for this check', { details: { conversationId: binding.conversationId } });
    if (stored.tenantId !== binding.tenantId || (stored.userAadObjectId !== undefined && stored.userAadObjectId !== binding.userAadObjectId)) {
      throw new AppError('forbidden', 'the check does not belong to this conversation');
    }
    if (!deps.adapter) throw new AppError('config', 'no adapter configured for proactive messages', { expected: false });
    let failure: unknown;
    await deps.adapter.continueConversationAsync(deps.botAppId ?? '', asConversationReference(stored), async (ctx) => {
      // Errors thrown here would go to adapter.onTurnError and not back to us: keep them.
      try {
        await continueWithResults(svc, ctx, binding, facts);
      } catch (e) {
        failure = e;
      }
    });
    if (failure !== undefined) throw failure;
  };
}
