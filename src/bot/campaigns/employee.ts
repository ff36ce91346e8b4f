/**
 * The employee's answers to a nudge card: "Set it up now" starts the guided flow, "I'm stuck" goes
 * straight to the account diagnosis, "Remind me tomorrow" snoozes (a limited number of times).
 * The answer is recorded for the clicking employee only (a forwarded card finds no record).
 */
import { formatForCurrentReader } from '../../cards/readerTime';
import { renderNoticeCard } from '../../cards/noticeCard';
import { renderNudgeCard } from '../../cards/nudgeCard';
import type { AdaptiveCard } from '../../cards/renderCard';
import type { VerbData } from '../../cards/verbs';
import { RecipientRepo } from '../../campaigns/recipients';
import { AppError } from '../../shared/errors';
import type { DocumentStore } from '../../storage/types';
import { fill } from '../../i18n/en';
import { runDiagnosis, welcome } from '../flow';
import { startFlow, type BotServices, type Turn } from '../turn';
import type { CampaignKit } from './kit';

export type NudgeVerb = 'nudgeSetup' | 'nudgeStuck' | 'nudgeSnooze';

const ANSWER = { nudgeSetup: 'setup', nudgeStuck: 'stuck', nudgeSnooze: 'snooze' } as const;

/** The reminder time in the employee's zone and locale when known, else in UTC. */
function when(iso: string): string {
  return formatForCurrentReader(iso);
}

async function record(kit: CampaignKit, store: DocumentStore, turn: Turn, verb: NudgeVerb, data: VerbData<'nudgeSetup'>): Promise<{ remindAt?: string; known: boolean; snoozedUntil?: string }> {
  const user = turn.userAadObjectId;
  if (!user) return { known: false };
  const current = await new RecipientRepo(store).get(data.campaignId, user);
  if (!current) return { known: false };
  // A second press on an already snoozed card: the reminder stands.
  if (verb === 'nudgeSnooze' && current.value.state === 'snoozed' && current.value.notBefore) return { known: true, snoozedUntil: current.value.notBefore };
  try {
    return { known: true, ...(await kit.service.answer(data.campaignId, user, ANSWER[verb])) };
  } catch (e) {
    if (e instanceof AppError && (e.kind === 'not_found' || e.kind === 'conflict')) {
      turn.log.info({ campaignId: data.campaignId, verb, err: e.message }, 'nudge answer not recorded');
      return { known: e.kind === 'conflict' };
    }
    throw e;
  }
}

export async function onNudgeAction(svc: BotServices, kit: CampaignKit, turn: Turn, verb: NudgeVerb, data: VerbData<'nudgeSetup'>): Promise<AdaptiveCard> {
  const s = svc.cards.strings.nudge;
  const outcome = await record(kit, svc.deps.store, turn, verb, data);
  turn.log.info({ campaignId: data.campaignId, round: data.round, verb, known: outcome.known }, 'nudge answered');
  if (verb === 'nudgeSetup') return welcome(svc, turn, 'guided');
  if (verb === 'nudgeStuck') return runDiagnosis(svc, turn, startFlow(svc, turn, 'welcome'));
  if (!outcome.known) return renderNoticeCard(svc.cards, { title: s.unknownTitle, text: s.unknownText });
  const at = outcome.remindAt ?? outcome.snoozedUntil;
  if (at) return renderNoticeCard(svc.cards, { title: s.snoozedTitle, text: fill(s.snoozedText, { at: when(at) }) });
  // No reminders left: the same choices again, without "Remind me tomorrow".
  const again = renderNudgeCard(svc.cards, { campaignId: data.campaignId, round: data.round, snoozesLeft: 0 });
  const body = Array.isArray(again.body) ? [...(again.body as unknown[])] : [];
  body.splice(0, 1, { type: 'TextBlock', text: s.noSnoozeTitle, size: 'Large', weight: 'Bolder', wrap: true }, { type: 'TextBlock', text: s.noSnoozeText, wrap: true });
  return { ...again, body };
}
