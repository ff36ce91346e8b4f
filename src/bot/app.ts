/**
 * The teams-ai Application: tenant allow-list, welcome on install, free text, card actions.
 * Everything it needs comes in through `deps`; nothing is created at module level.
 */
import { Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../cards/renderCard';
import { onCardAction } from './actions';
import { saveConversationReference } from './conversationRefs';
import type { BotDeps } from './deps';
import { withBoundary } from './errors';
import { isLoginRequired, sendLoginRequest } from './sso/loginRequest';
import { registerCampaignRoutes } from './campaigns/routes';
import { registerHelpdeskRoutes } from './helpdesk/routes';
import { registerPasskeyRoutes } from './passkeys/routes';
import { handleText, welcome } from './flow';
import { readFlow, writeFlow, type AppTurnState, type ConversationData } from './state';
import { createServices } from './services';
import { inLocale } from '../i18n/scope';
import { handleLanguageCommand } from './languageTurn';
import { localeFor, localeOfTurn } from './locale';
import { readerOfActivity } from './reader';
import { isTenantAllowed, tenantOf } from './tenant';
import { deliver, deliverInvokeError, isInvoke, makeTurn, type BotServices, type Turn } from './turn';
import { createInvokeRuntime, respondInvoke } from './deferred/respond';

export { createCheckResultsHandler } from './checkResults';

export const ADAPTIVE_CARD_ACTION = 'adaptiveCard/action';

/** Runs one handler inside the error boundary, replies, and saves the flow it left behind. */
async function respond(svc: BotServices, ctx: TurnContext, state: AppTurnState, handler: (turn: Turn) => Promise<AdaptiveCard>): Promise<void> {
  const turn = makeTurn(svc, ctx, state, readFlow(state));
  const locale = localeOfTurn(svc.catalogues, svc.deps.defaultLocale, state.conversation, ctx.activity);
  let card: AdaptiveCard;
  try {
    card = await inLocale(locale, () => withBoundary(svc, turn, () => handler(turn)));
  } catch (e) {
    if (!isLoginRequired(e)) throw e;
    turn.log.info('card action needs the clicker\'s sign-in; answered with a Teams login request');
    return sendLoginRequest(ctx, e);
  }
  writeFlow(state, turn.flow);
  await deliver(ctx, card);
}

async function guardTenant(svc: BotServices, ctx: TurnContext): Promise<boolean> {
  const tenantId = tenantOf(ctx.activity);
  if (isTenantAllowed(svc.deps.allowedTenants, tenantId)) return true;
  svc.deps.logger.warn(
    { tenantId: tenantId ?? null, conversationId: ctx.activity.conversation?.id, activityType: ctx.activity.type },
    'activity from a tenant that is not allowed; not processed',
  );
  if (ctx.activity.type === ActivityTypes.Message) await ctx.sendActivity(svc.cards.strings.notices.tenantNotAllowed);
  if (ctx.activity.type === ActivityTypes.Invoke) await deliverInvokeError(ctx, 403, 'TenantNotAllowed', 'This organisation is not served by this bot.');
  return false;
}

export function createApp(deps: BotDeps): Application<AppTurnState> {
  const svc = createServices(deps);
  // Card actions answer within the invoke deadline when late answers can be delivered (src/bot/deferred/).
  const invokes = deps.adapter ? createInvokeRuntime(svc) : undefined;
  const answer = (ctx: TurnContext, state: AppTurnState, handler: (turn: Turn) => Promise<AdaptiveCard>) =>
    invokes && isInvoke(ctx)
      ? inLocale(localeOfTurn(svc.catalogues, deps.defaultLocale, state.conversation, ctx.activity), () => respondInvoke(svc, invokes, ctx, state, handler))
      : respond(svc, ctx, state, handler);
  const app = new Application<AppTurnState>({
    storage: deps.storage,
    startTypingTimer: false,
    longRunningMessages: false,
    removeRecipientMention: true,
    turnStateFactory: () => new TurnState<ConversationData>(),
  });
  // Until the turn state is loaded, the activity's own language (src/bot/locale.ts).
  const run = app.run.bind(app);
  app.run = (ctx: TurnContext) => inLocale(localeFor(svc.catalogues, readerOfActivity(ctx.activity), deps.defaultLocale), () => run(ctx));

  app.turn('beforeTurn', async (ctx) => guardTenant(svc, ctx));

  // Campaign commands and cards (approvers in the channel, employees' nudges): before the helpdesk channel's catch-all.
  if (deps.campaigns) registerCampaignRoutes(app, svc, deps.campaigns, answer);

  // Helpdesk channel, pass approval, manager and post-use cards: before the 1:1 flow's routes.
  if (deps.helpdesk) registerHelpdeskRoutes(app, svc, deps.helpdesk, answer);

  registerPasskeyRoutes(app, svc, (ctx, state, handler) => respond(svc, ctx, state, handler));

  app.conversationUpdate('membersAdded', async (ctx, state) => {
    const a = ctx.activity;
    const botAdded = (a.membersAdded ?? []).some((m) => m.id === a.recipient?.id);
    const personal = (a.conversation?.conversationType ?? 'personal') === 'personal';
    if (!botAdded || !personal) return;
    await respond(svc, ctx, state, async (turn) => {
      await saveConversationReference(deps.store, a, turn.tenantId, deps.clock.now());
      turn.log.info('installed in a personal chat; welcome sent');
      return welcome(svc, turn, 'install');
    });
  });

  app.addRoute(
    async (ctx) => ctx.activity.type === ActivityTypes.Invoke && ctx.activity.name === ADAPTIVE_CARD_ACTION,
    async (ctx, state) => answer(ctx, state, (turn) => onCardAction(svc, turn)),
    true,
  );

  app.activity(ActivityTypes.Message, async (ctx, state) => {
    const text = typeof ctx.activity.text === 'string' ? ctx.activity.text : '';
    if (await handleLanguageCommand(svc, ctx, state, text)) return;
    await respond(svc, ctx, state, (turn) => handleText(svc, turn, text));
  });

  return app;
}
