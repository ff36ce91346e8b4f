/**
 * Route registration for the helpdesk channel and pass approval. Registered before the 1:1
 * flow's routes: these verbs and shared-conversation messages never reach the employee flow.
 */
import type { Application } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { renderNoticeCard } from '../../cards/noticeCard';
import type { AdaptiveCard } from '../../cards/renderCard';
import { VERB_DATA, type Verb } from '../../cards/verbs';
import { InvokeValueSchema } from '../actions';
import type { AppTurnState } from '../state';
import { onManagerConfirm, onTapApprove, onTapAskInfo, onTapDeny, onTapDenyStart, onTapRefresh, onWatchAnswer } from '../tap/actions';
import { onTapFaceCheck } from '../tap/faceCheck';
import { onTapCancel, onTapInfoAnswer, onTapRevoke } from '../tap/controls';
import type { TapKit } from '../tap/kit';
import { onTapCallbackConfirm, onTapManagerAsk } from '../tap/verifyActions';
import type { BotServices, Turn } from '../turn';
import { isSharedConversation, onChannelMessage } from './command';
import { onTicketAction } from './ticketActions';
import { talkToHelpdesk } from '../flow';

export const HELPDESK_VERBS = [
  'tapRefresh',
  'tapApprove',
  'tapDenyStart',
  'tapDeny',
  'tapAskInfo',
  'tapFaceCheck',
  'tapRevoke',
  'tapCancel',
  'tapInfoAnswer',
  'managerConfirm',
  'tapCallbackConfirm',
  'tapManagerAsk',
  'tapItWasMe',
  'tapNotMe',
  'ticketAssign',
  'ticketResolve',
  'helpdeskInstead',
] as const satisfies readonly Verb[];
type HelpdeskVerb = (typeof HELPDESK_VERBS)[number];

export type Respond = (ctx: TurnContext, state: AppTurnState, handler: (turn: Turn) => Promise<AdaptiveCard>) => Promise<void>;

function helpdeskVerb(ctx: TurnContext): HelpdeskVerb | undefined {
  if (ctx.activity.type !== ActivityTypes.Invoke || ctx.activity.name !== 'adaptiveCard/action') return undefined;
  const v = InvokeValueSchema.safeParse(ctx.activity.value);
  const verb = v.success ? v.data.action.verb : '';
  return (HELPDESK_VERBS as readonly string[]).includes(verb) ? (verb as HelpdeskVerb) : undefined;
}

async function dispatch(svc: BotServices, kit: TapKit, turn: Turn, verb: HelpdeskVerb): Promise<AdaptiveCard> {
  const ctx = turn.ctx;
  const raw = InvokeValueSchema.parse(ctx.activity.value).action.data ?? {};
  const n = svc.cards.strings.notices;
  const bad = () => {
    turn.log.warn({ rejected: 'malformed', verb }, 'card action rejected');
    return renderNoticeCard(svc.cards, { title: n.malformedTitle, text: n.malformedText });
  };
  turn.log.info({ verb, trigger: InvokeValueSchema.parse(ctx.activity.value).trigger }, 'helpdesk card action');
  const needsService = verb !== 'ticketAssign' && verb !== 'ticketResolve' && verb !== 'helpdeskInstead';
  if (needsService && !kit.hasService()) return bad();
  switch (verb) {
    case 'tapRefresh': {
      const d = VERB_DATA.tapRefresh.safeParse(raw);
      return d.success ? onTapRefresh(kit, ctx, d.data) : bad();
    }
    case 'tapApprove': {
      const d = VERB_DATA.tapApprove.safeParse(raw);
      return d.success ? onTapApprove(kit, ctx, d.data) : bad();
    }
    case 'tapDenyStart': {
      const d = VERB_DATA.tapDenyStart.safeParse(raw);
      return d.success ? onTapDenyStart(kit, ctx, d.data) : bad();
    }
    case 'tapDeny': {
      const d = VERB_DATA.tapDeny.safeParse(raw);
      return d.success ? onTapDeny(kit, ctx, d.data) : bad();
    }
    case 'tapAskInfo': {
      const d = VERB_DATA.tapAskInfo.safeParse(raw);
      return d.success ? onTapAskInfo(kit, ctx, d.data) : bad();
    }
    case 'tapFaceCheck': {
      const d = VERB_DATA.tapFaceCheck.safeParse(raw);
      return d.success ? onTapFaceCheck(kit, ctx, d.data) : bad();
    }
    case 'tapRevoke': {
      const d = VERB_DATA.tapRevoke.safeParse(raw);
      return d.success ? onTapRevoke(kit, ctx, d.data) : bad();
    }
    case 'tapCancel': {
      const d = VERB_DATA.tapCancel.safeParse(raw);
      return d.success ? onTapCancel(kit, ctx, d.data) : bad();
    }
    case 'tapInfoAnswer': {
      const d = VERB_DATA.tapInfoAnswer.safeParse(raw);
      return d.success ? onTapInfoAnswer(kit, ctx, d.data) : bad();
    }
    case 'managerConfirm': {
      const d = VERB_DATA.managerConfirm.safeParse(raw);
      return d.success ? onManagerConfirm(kit, ctx, d.data) : bad();
    }
    case 'tapCallbackConfirm': {
      const d = VERB_DATA.tapCallbackConfirm.safeParse(raw);
      return d.success ? onTapCallbackConfirm(kit, ctx, d.data) : bad();
    }
    case 'tapManagerAsk': {
      const d = VERB_DATA.tapManagerAsk.safeParse(raw);
      return d.success ? onTapManagerAsk(kit, ctx, d.data) : bad();
    }
    case 'tapItWasMe':
    case 'tapNotMe': {
      const d = VERB_DATA.tapNotMe.safeParse(raw);
      return d.success ? onWatchAnswer(kit, ctx, d.data, verb === 'tapItWasMe') : bad();
    }
    case 'ticketAssign':
    case 'ticketResolve': {
      const d = VERB_DATA.ticketAssign.safeParse(raw);
      return d.success ? onTicketAction(kit, ctx, d.data, verb === 'ticketAssign' ? 'assign' : 'resolve') : bad();
    }
    case 'helpdeskInstead': {
      const d = VERB_DATA.helpdeskInstead.safeParse(raw);
      return d.success ? helpdeskInstead(svc, turn, d.data.flowId) : bad();
    }
  }
}

/** Account Recovery was offered; the employee wants the helpdesk: escalate this flow after all. */
async function helpdeskInstead(svc: BotServices, turn: Turn, flowId: string): Promise<AdaptiveCard> {
  const n = svc.cards.strings.notices;
  const flow = turn.flow;
  if (!flow || flow.flowId !== flowId) return renderNoticeCard(svc.cards, { title: n.staleTitle, text: n.staleText });
  if (flow.owner && flow.owner !== turn.userAadObjectId) return renderNoticeCard(svc.cards, { title: n.foreignTitle, text: n.foreignText });
  return talkToHelpdesk(svc, turn, flow, { skipRecovery: true });
}

export function registerHelpdeskRoutes(app: Application<AppTurnState>, svc: BotServices, kit: TapKit, respond: Respond): void {
  app.addRoute(
    async (ctx) => helpdeskVerb(ctx) !== undefined,
    async (ctx, state) => {
      const verb = helpdeskVerb(ctx);
      if (verb) await respond(ctx, state, (turn) => dispatch(svc, kit, turn, verb));
    },
    true,
  );
  app.addRoute(
    async (ctx) => ctx.activity.type === ActivityTypes.Message && isSharedConversation(ctx),
    async (ctx) => onChannelMessage(kit, ctx),
  );
}
