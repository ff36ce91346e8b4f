/**
 * The bot's side of "Did it stay fixed?" (src/insights/followUp.ts): scheduled after "It worked",
 * the question sent to the employee's own 1:1 chat, and the answer's card action. Registration is
 * confirmed from Graph through the backend (the registration state campaigns read).
 */
import type { BackendClient } from '../backend/client';
import { renderFollowUpCard } from '../cards/followUpCard';
import type { CardRenderer } from '../cards/renderCard';
import { catalogues } from '../i18n/catalogues';
import { inLocale } from '../i18n/scope';
import { localeFor } from './locale';
import type { AdaptiveCard } from '../cards/renderCard';
import type { VerbData } from '../cards/verbs';
import { describeError } from '../shared/errors';
import type { FollowUp, FollowUpPorts } from '../insights/followUp';
import type { DocumentStore } from '../storage/types';
import { asConversationReference, loadConversationReference } from './conversationRefs';
import type { Messenger } from './helpdesk/messenger';
import { cardActivity } from './tap/messages';
import type { FlowState } from './state';
import type { BotServices, Turn } from './turn';

export function followUpPorts(d: { store: DocumentStore; backend: Pick<BackendClient, 'campaignRegistration'>; messenger: Messenger; renderer: CardRenderer; defaultLocale?: string }): FollowUpPorts {
  const all = catalogues();
  return {
    async registered(userId) {
      if (!d.backend.campaignRegistration) return undefined;
      const { users } = await d.backend.campaignRegistration({ userIds: [userId] });
      return users.find((u) => u.id === userId)?.isMfaRegistered;
    },
    async ask(f: FollowUp) {
      // Only the employee's own 1:1 chat of that tenant.
      const stored = await loadConversationReference(d.store, f.conversationId);
      const type = (stored?.reference.conversation as { conversationType?: unknown } | undefined)?.conversationType;
      if (!stored || stored.tenantId !== f.tenantId || stored.userAadObjectId !== f.user || (type !== undefined && type !== 'personal')) {
        throw new Error('no 1:1 conversation of this employee is known');
      }
      // In the employee's language (the locale Teams last sent with their chat).
      const locale = localeFor(all, { ...(stored.reference.locale ? { locale: stored.reference.locale } : {}) }, d.defaultLocale);
      const card = inLocale(locale, () => renderFollowUpCard({ renderer: d.renderer, strings: locale.strings }, { flowId: f.flowId, fixedAt: f.fixedAt }));
      await d.messenger.send(asConversationReference(stored), cardActivity(card));
    },
  };
}

/** After "It worked": schedule the question (never breaks the conversation). */
export async function scheduleFollowUp(svc: BotServices, turn: Turn, flow: FlowState): Promise<void> {
  const user = turn.userAadObjectId;
  if (!svc.deps.followUps || !user) return;
  try {
    await svc.deps.followUps.schedule({ flowId: flow.flowId, user, tenantId: turn.tenantId, conversationId: turn.conversationId });
  } catch (e) {
    turn.log.warn({ err: describeError(e) }, 'follow-up not scheduled');
  }
}

/** The employee's answer: recorded once, with registration confirmed from Graph now. */
export async function onFollowUpAnswer(svc: BotServices, turn: Turn, data: VerbData<'followUpAnswer'>): Promise<AdaptiveCard | undefined> {
  const followUps = svc.deps.followUps;
  if (!followUps) return undefined;
  const s = svc.cards.strings.followUp;
  const result = await followUps.answer(data.flowId, turn.userAadObjectId, data.answer);
  if (!result.ok && result.why !== 'already') return undefined;
  const fixedAt = result.fixedAt ?? svc.deps.clock.now().toISOString();
  const doneText = !result.ok ? s.already : data.answer === 'broke_again' ? s.thanksNo : result.registered ? s.thanksYesRegistered : s.thanksYes;
  turn.log.info({ flowId: data.flowId, answer: data.answer, registered: result.ok ? result.registered : undefined }, 'follow-up answered');
  return renderFollowUpCard(svc.cards, { flowId: data.flowId, fixedAt, doneText, reader: turn.reader });
}
