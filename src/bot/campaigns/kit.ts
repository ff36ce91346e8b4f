/**
 * Everything the campaign routes share, built once by the composition root (or a test) and handed
 * to createApp as `deps.campaigns`: the engine's CampaignService over the backend TargetSource
 * and the Teams NudgeSender, the channel card store, the per-employee directory.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { BackendClient } from '../../backend/client';
import { localizedCards, type CardContext } from '../../cards/cardContext';
import { createCardRenderer, type CardRenderer } from '../../cards/renderCard';
import type { QuietHours } from '../../campaigns/model';
import { realSleep, type NudgeSender, type Random, type Sleep, type TargetSource } from '../../campaigns/ports';
import { StoredSendBudget, type SendBudget } from '../../campaigns/sendBudget';
import { CampaignRunner } from '../../campaigns/runner';
import { CampaignService } from '../../campaigns/service';
import type { Strings } from '../../i18n/en';
import type { Catalogues } from '../../i18n/catalogues';
import { loadConversationReference } from '../conversationRefs';
import { inRecipientLocale, type LocaleDefaults } from '../storedReader';
import type { Clock } from '../../shared/clock';
import { describeError } from '../../shared/errors';
import { newId } from '../../shared/ids';
import type { Logger } from '../../shared/logger';
import type { AuditLog, DocumentStore } from '../../storage/types';
import { createMessenger, type Messenger } from '../helpdesk/messenger';
import { createCampaignCards, type CampaignCards } from './cardStore';
import { nudgeActivity } from './nudgeMessage';
import { TeamsNudgeSender, type CampaignAdapter } from './nudgeSender';
import { createOutbox } from './outbox';
import { BackendTargetSource, campaignBackend } from './targetSource';
import { createUserDirectory, type UserDirectory } from './userIndex';
import { createPasskeyCampaignTools, type PasskeyCampaignTools } from './passkeyAdmin';

export interface CampaignSettings {
  /** Connector requests per second (CAMPAIGN_BUDGET_PER_SECOND). */
  budgetPerSecond: number;
  quietHours: QuietHours | null;
  excludedGroupId?: string;
  /** Targets per backend page (default 500). */
  pageSize?: number;
}

export interface CampaignKitOptions {
  store: DocumentStore;
  backend: BackendClient;
  clock: Clock;
  logger: Logger;
  /** The tenant campaigns run in (single-tenant bot: BOT_TENANT_ID / the first allowed tenant). */
  tenantId: string;
  botAppId: string;
  adapter: CampaignAdapter;
  settings: CampaignSettings;
  /** Used until an activity from the tenant told the bot its service URL. */
  serviceUrl?: string;
  /** Tests: replace the Teams sender / the backend target source. */
  sender?: NudgeSender;
  source?: TargetSource;
  sleep?: Sleep;
  random?: Random;
  heartbeatMs?: number;
  /** Lease length (default 30 heartbeats). */
  leaseMs?: number;
  newId?: () => string;
  strings?: Strings;
  /** Message catalogues and the tenant default locale, for nudges (src/bot/storedReader.ts). */
  catalogues?: Catalogues;
  defaultLocale?: string;
  renderer?: CardRenderer;
  /** Where admin actions are audited (the store's audit trail). */
  audit?: AuditLog;
  /** The tenant's Teams send budget (default: the one in `store`, shared by every campaign, proactive message and instance). */
  sendBudget?: SendBudget;
  /** Evaluation (shadow) mode: "start" reports whom a run would nudge and sends nothing. */
  reportOnly?: boolean;
}

export interface CampaignKit {
  service: CampaignService;
  cards: CampaignCards;
  users: UserDirectory;
  cardContext: CardContext;
  /** The tenant default language, for the channel cards the refresher updates (src/bot/storedReader.ts). */
  locales?: LocaleDefaults;
  messenger: Messenger;
  settings: CampaignSettings;
  tenantId: string;
  clock: Clock;
  log: Logger;
  /** The backend's decision, read at command / click time; false when it cannot answer. */
  isApprover(aadObjectId: string | undefined): Promise<boolean>;
  /** Passkey campaigns (cohort snapshot, per-cohort results); absent when the backend has no such API. */
  passkeys?: PasskeyCampaignTools;
}

export function createCampaignKit(o: CampaignKitOptions): CampaignKit {
  const log = o.logger.child({ component: 'campaigns' });
  const cardContext: CardContext = localizedCards(o.renderer ?? createCardRenderer(), o.strings);
  const locales: LocaleDefaults = { ...(o.catalogues ? { catalogues: o.catalogues } : {}), ...(o.defaultLocale ? { defaultLocale: o.defaultLocale } : {}) };
  const users = createUserDirectory(o.store);
  const source = o.source ?? new BackendTargetSource(campaignBackend(o.backend), users);
  const sender =
    o.sender ??
    new TeamsNudgeSender({
      adapter: o.adapter,
      botAppId: o.botAppId,
      tenantId: o.tenantId,
      users,
      backend: campaignBackend(o.backend),
      outbox: createOutbox(o.store),
      // In the employee's language when they talked to the bot before, else the tenant default.
      render: async (nudge, conversationId) =>
        inRecipientLocale(locales, await loadConversationReference(o.store, conversationId), () => nudgeActivity(cardContext, nudge)),
      clock: o.clock,
      logger: log,
      ...(o.serviceUrl ? { serviceUrl: o.serviceUrl } : {}),
    });
  const sendBudget = o.sendBudget ?? new StoredSendBudget(o.store, o.clock, o.sleep ?? realSleep);
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  let runs = 0;
  const service = new CampaignService({
    store: o.store,
    source,
    clock: o.clock,
    logger: log,
    newId: o.newId ?? newId,
    ...(o.audit ? { audit: o.audit } : {}),
    ...(o.reportOnly ? { reportOnly: true } : {}),
    createRunner: () =>
      new CampaignRunner({
        store: o.store,
        source,
        sender,
        clock: o.clock,
        sleep: o.sleep ?? realSleep,
        random: o.random ?? Math.random,
        logger: log,
        owner: `${owner}:${++runs}`,
        sendBudget,
        ...(o.heartbeatMs ? { heartbeatMs: o.heartbeatMs, leaseMs: o.leaseMs ?? 30 * o.heartbeatMs } : {}),
      }),
  });
  const passkeys = createPasskeyCampaignTools(o.store, o.backend);
  return {
    service,
    ...(passkeys ? { passkeys } : {}),
    cards: createCampaignCards(o.store),
    locales,
    users,
    cardContext,
    messenger: createMessenger(o.adapter, o.botAppId, sendBudget),
    settings: o.settings,
    tenantId: o.tenantId,
    clock: o.clock,
    log,
    async isApprover(aadObjectId) {
      if (!aadObjectId) return false;
      try {
        return (await o.backend.checkApprover({ userId: aadObjectId })).approver === true;
      } catch (e) {
        log.warn({ err: describeError(e) }, 'approver check failed; treated as not an approver');
        return false;
      }
    },
  };
}
