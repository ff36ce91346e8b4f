/**
 * Route registration for campaigns, before the helpdesk and 1:1 routes: campaign commands in a
 * shared conversation, the campaign card's and the nudge card's verbs, and a beforeTurn hook that
 * remembers each employee's 1:1 conversation and time zone (userIndex.ts).
 */
import type { Application } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { renderNoticeCard } from '../../cards/noticeCard';
import { VERB_DATA } from '../../cards/verbs';
import { describeError } from '../../shared/errors';
import { InvokeValueSchema } from '../actions';
import { isSharedConversation } from '../helpdesk/command';
import type { Respond } from '../helpdesk/routes';
import type { AppTurnState } from '../state';
import { tenantOf } from '../tenant';
import type { BotServices } from '../turn';
import { onCampaignAction, onCampaignCommand, type CampaignVerb } from './admin';
import { isCampaignText } from './commands';
import { onNudgeAction, type NudgeVerb } from './employee';
import type { CampaignKit } from './kit';

const CAMPAIGN_VERBS: readonly CampaignVerb[] = ['campaignStart', 'campaignPause', 'campaignResume', 'campaignCancelAsk', 'campaignCancel', 'campaignRefresh', 'campaignResults'];
const NUDGE_VERBS: readonly NudgeVerb[] = ['nudgeSetup', 'nudgeStuck', 'nudgeSnooze'];

function verbOf(ctx: TurnContext): CampaignVerb | NudgeVerb | undefined {
  if (ctx.activity.type !== ActivityTypes.Invoke || ctx.activity.name !== 'adaptiveCard/action') return undefined;
  const v = InvokeValueSchema.safeParse(ctx.activity.value);
  const verb = v.success ? v.data.action.verb : '';
  return [...CAMPAIGN_VERBS, ...NUDGE_VERBS].find((x) => x === verb);
}

export function registerCampaignRoutes(app: Application<AppTurnState>, svc: BotServices, kit: CampaignKit, respond: Respond): void {
  app.turn('beforeTurn', async (ctx) => {
    try {
      await kit.users.observe(ctx.activity, tenantOf(ctx.activity) ?? '', kit.clock.now());
    } catch (e) {
      kit.log.warn({ err: describeError(e) }, 'could not record the employee for campaigns');
    }
    return true;
  });

  app.addRoute(
    async (ctx) => verbOf(ctx) !== undefined,
    async (ctx, state) => {
      const verb = verbOf(ctx);
      if (!verb) return;
      await respond(ctx, state, async (turn) => {
        // turn.ctx, not ctx: the work may outlive this turn (src/bot/deferred/).
        const raw = InvokeValueSchema.parse(turn.ctx.activity.value).action.data ?? {};
        const n = svc.cards.strings.notices;
        const bad = () => renderNoticeCard(svc.cards, { title: n.malformedTitle, text: n.malformedText });
        if ((NUDGE_VERBS as readonly string[]).includes(verb)) {
          const d = VERB_DATA.nudgeSetup.safeParse(raw);
          return d.success ? onNudgeAction(svc, kit, turn, verb as NudgeVerb, d.data) : bad();
        }
        const d = VERB_DATA.campaignStart.safeParse(raw);
        return d.success ? onCampaignAction(kit, turn.ctx, verb as CampaignVerb, d.data) : bad();
      });
    },
    true,
  );

  app.addRoute(
    async (ctx) => ctx.activity.type === ActivityTypes.Message && isSharedConversation(ctx) && isCampaignText(typeof ctx.activity.text === 'string' ? ctx.activity.text : ''),
    async (ctx) => onCampaignCommand(kit, ctx),
  );
}
