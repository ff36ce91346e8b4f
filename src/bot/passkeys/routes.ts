/**
 * The passkey guide's card verbs, registered before the 1:1 flow's catch-all invoke route. Each
 * press is validated: the verb's data (zod), the guide it belongs to (an older guide's card is
 * stale) and its owner. The free-text entry is the `passkeySetup` intent (src/bot/intent.ts).
 */
import type { Application } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { renderNoticeCard } from '../../cards/noticeCard';
import type { AdaptiveCard } from '../../cards/renderCard';
import { VERB_DATA } from '../../cards/verbs';
import { InvokeValueSchema } from '../actions';
import type { Respond } from '../helpdesk/routes';
import type { AppTurnState } from '../state';
import type { BotServices, Turn } from '../turn';
import { changeDevice, changeProvider, chooseDevice, chooseProvider, passkeyDone, passkeyStuck, startPasskeyGuide } from './guide';
import { readGuide, type GuideState } from './state';

const GUIDE_VERBS = ['passkeyStart', 'passkeyProvider', 'passkeyDevice', 'passkeyChangeProvider', 'passkeyChangeDevice', 'passkeyDone', 'passkeyStuck'] as const;
type GuideVerb = (typeof GUIDE_VERBS)[number];

function verbOf(ctx: TurnContext): GuideVerb | undefined {
  if (ctx.activity.type !== ActivityTypes.Invoke || ctx.activity.name !== 'adaptiveCard/action') return undefined;
  const v = InvokeValueSchema.safeParse(ctx.activity.value);
  const verb = v.success ? v.data.action.verb : '';
  return GUIDE_VERBS.find((x) => x === verb);
}

function rejected(svc: BotServices, turn: Turn, why: 'malformed' | 'stale' | 'foreign', verb: GuideVerb): AdaptiveCard {
  turn.log.warn({ rejected: why, verb }, 'passkey guide action rejected');
  const n = svc.cards.strings.notices;
  const [title, text] = why === 'stale' ? [n.staleTitle, n.staleText] : why === 'foreign' ? [n.foreignTitle, n.foreignText] : [n.malformedTitle, n.malformedText];
  return renderNoticeCard(svc.cards, { title, text });
}

async function onGuideAction(svc: BotServices, turn: Turn, verb: GuideVerb, raw: Record<string, unknown>): Promise<AdaptiveCard> {
  if (!VERB_DATA[verb].safeParse(raw).success) return rejected(svc, turn, 'malformed', verb);
  if (verb === 'passkeyStart') return startPasskeyGuide(svc, turn);
  const guide = readGuide(turn.state);
  if (guide?.owner && guide.owner !== turn.userAadObjectId) return rejected(svc, turn, 'foreign', verb);
  if (!guide || guide.guideId !== (raw as { guideId?: unknown }).guideId) return rejected(svc, turn, 'stale', verb);
  turn.log.info({ verb }, 'passkey guide action');
  const card = await act(svc, turn, guide, verb, raw);
  return card ?? rejected(svc, turn, 'stale', verb);
}

async function act(svc: BotServices, turn: Turn, guide: GuideState, verb: Exclude<GuideVerb, 'passkeyStart'>, raw: Record<string, unknown>): Promise<AdaptiveCard | undefined> {
  switch (verb) {
    case 'passkeyProvider':
      return chooseProvider(svc, turn, guide, VERB_DATA.passkeyProvider.parse(raw).provider);
    case 'passkeyDevice':
      return chooseDevice(svc, turn, guide, VERB_DATA.passkeyDevice.parse(raw).device);
    case 'passkeyChangeProvider':
      return changeProvider(svc, turn, guide);
    case 'passkeyChangeDevice':
      return changeDevice(svc, turn, guide);
    case 'passkeyDone':
      return passkeyDone(svc, turn, guide);
    case 'passkeyStuck':
      return passkeyStuck(svc, turn, guide);
  }
}

export function registerPasskeyRoutes(app: Application<AppTurnState>, svc: BotServices, respond: Respond): void {
  app.addRoute(
    async (ctx) => verbOf(ctx) !== undefined,
    async (ctx, state) => {
      const verb = verbOf(ctx);
      if (!verb) return;
      await respond(ctx, state, (turn) => onGuideAction(svc, turn, verb, InvokeValueSchema.parse(ctx.activity.value).action.data ?? {}));
    },
    true,
  );
}
