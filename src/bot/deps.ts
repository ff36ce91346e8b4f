/** What createApp and createCheckResultsHandler receive (built by the composition root). */
import type { ConversationReference, Storage, TurnContext } from 'botbuilder';
import type { BackendClient } from '../backend/client';
import type { CardRenderer } from '../cards/renderCard';
import type { CheckPage } from '../checkpage/types';
import type { Strings } from '../i18n/en';
import type { Catalogues } from '../i18n/catalogues';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { AuditLog, DocumentStore } from '../storage/types';
import type { EscalationService } from './escalation';
import type { IntentRecognizer } from './intent';
import type { CampaignKit } from './campaigns/kit';
import type { TapKit } from './tap/kit';
import type { InvokeDeadlineOptions } from './deferred/timing';
import type { SendBudget } from '../campaigns/sendBudget';
import type { FollowUps } from '../insights/followUp';

/** The part of TeamsAdapter (CloudAdapter) used for proactive sends. */
export interface ProactiveAdapter {
  continueConversationAsync(botAppId: string, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

/** Error-code knowledge (src/diagnosis/errorCodes by default). */
export interface ErrorCodeKnowledge {
  extract(text: string): string[];
  /** Plain-words meaning, when the code is known. */
  meaning(code: string): string | undefined;
}

export interface BotDeps {
  backend: BackendClient;
  checkPage: CheckPage;
  /** Conversation references and escalation requests. */
  store: DocumentStore;
  /** Where outcomes of rescues are audited (insights); off when absent. */
  audit?: AuditLog;
  /** botbuilder Storage for teams-ai turn state (SqliteBotStorage in production). */
  storage: Storage;
  clock: Clock;
  logger: Logger;
  /** Entra tenant ids served. Empty = nobody is served. */
  allowedTenants: string[];
  /** For proactive sends (check results). TeamsAdapter satisfies this. */
  adapter?: ProactiveAdapter;
  /** The bot's app id for continueConversationAsync ('' in anonymous local mode). */
  botAppId?: string;
  /** Fixed strings for every reader (tests); without it each reader gets their locale's catalogue. */
  strings?: Strings;
  /** The message catalogues (locales/*.json by default). */
  catalogues?: Catalogues;
  /** The tenant's default locale, for readers whose language is unknown (default `en`). */
  defaultLocale?: string;
  intents?: IntentRecognizer;
  errorCodes?: ErrorCodeKnowledge;
  escalations?: EscalationService;
  renderer?: CardRenderer;
  /** Reference ids for apologies (src/shared/ids newReference by default). */
  newReference?: () => string;
  /** Flow ids (src/shared/ids newId by default). */
  newId?: () => string;
  /**
   * Helpdesk channel and Temporary Access Pass approval (src/bot/tap/kit.ts). Without it the
   * channel command, request cards and pass delivery are off; pair it with
   * `escalations: createHelpdeskEscalationService(kit)`.
   */
  helpdesk?: TapKit;
  /**
   * Registration-nudge campaigns (src/bot/campaigns/kit.ts): channel commands and cards for
   * approvers, the employee's nudge card. Without it those routes are off.
   */
  campaigns?: CampaignKit;
  /** The invoke deadline (src/bot/deferred/): applies when `adapter` is set, so late answers can be delivered. */
  invokes?: InvokeDeadlineOptions;
  /** The tenant's Teams send budget (src/campaigns/sendBudget.ts) for the bot's own proactive sends (late invoke answers). */
  sendBudget?: SendBudget;
  /** "Did it stay fixed?" (src/insights/followUp.ts); off when absent. */
  followUps?: FollowUps;
}
