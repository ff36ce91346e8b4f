/**
 * Everything the helpdesk and pass features share, built once by the composition root (or a
 * test) and handed to createApp as `deps.helpdesk`. The approval service is late-bound because
 * it is built with the notifier that needs this kit.
 */
import type { ApprovalService } from '../../approvals/service';
import { realSleep } from '../../campaigns/ports';
import { StoredSendBudget, type SendBudget } from '../../campaigns/sendBudget';
import { localizedCards, type CardContext } from '../../cards/cardContext';
import { createCardRenderer, type CardRenderer } from '../../cards/renderCard';
import type { Strings } from '../../i18n/en';
import type { Catalogues } from '../../i18n/catalogues';
import type { LocaleDefaults } from '../storedReader';
import type { Clock } from '../../shared/clock';
import { newId, newReference } from '../../shared/ids';
import type { Logger } from '../../shared/logger';
import type { AuditLog, AuditRecord, DocumentStore } from '../../storage/types';
import type { ProactiveAdapter } from '../deps';
import type { UserProofSource } from '../sso/userProof';
import { createApprovers, type Approvers } from '../helpdesk/approvers';
import { createChannelStore, type ChannelStore } from '../helpdesk/channel';
import { createMessenger, type Messenger } from '../helpdesk/messenger';
import { createTicketStore, type TicketStore } from '../helpdesk/tickets';
import type { HelpdeskBackend } from './ports';
import { createThreadStore, type ThreadStore } from './threads';

export interface TapKitOptions {
  store: DocumentStore;
  /** Where ticket and incident actions are recorded (the approval service audits passes itself). */
  audit?: AuditLog;
  clock: Clock;
  logger: Logger;
  backend: HelpdeskBackend;
  adapter: ProactiveAdapter;
  botAppId?: string;
  getService: () => ApprovalService | undefined;
  /** The clicker's own token for a request or an approval (Teams SSO / local identity provider). */
  proof: UserProofSource;
  helpdeskChannelId?: string;
  accountRecovery?: { enabled: boolean; url: string };
  strings?: Strings;
  /** Message catalogues and the tenant default locale, for proactive messages (src/bot/storedReader.ts). */
  catalogues?: Catalogues;
  defaultLocale?: string;
  renderer?: CardRenderer;
  newId?: () => string;
  newReference?: () => string;
  /** A signed link to the insights dashboard for this approver (src/insights/dashboard). */
  dashboardLink?: (who: { oid: string; tid: string }) => string;
  /** The tenant's Teams send budget (default: the one in `store`, shared with campaigns and every instance). */
  sendBudget?: SendBudget;
  /** Days the bot keeps its working records (escalation wishes, filed markers, failing posts); default 30. */
  recordRetentionDays?: number;
  /** Verified ID Face Check is set up: the approver card offers it (src/bot/tap/faceCheck.ts). */
  faceCheck?: boolean;
}

export interface TapKit {
  store: DocumentStore;
  clock: Clock;
  log: Logger;
  backend: HelpdeskBackend;
  cards: CardContext;
  /** Which language proactive messages use: the recipient's stored one, the channel's the tenant default. */
  locales: LocaleDefaults;
  messenger: Messenger;
  channels: ChannelStore;
  approvers: Approvers;
  threads: ThreadStore;
  tickets: TicketStore;
  dashboardLink?: (who: { oid: string; tid: string }) => string;
  /** Appends an audit record (never throws: a failed audit write is logged). */
  audit(record: Omit<AuditRecord, 'at' | 'seq'>): Promise<void>;
  accountRecovery: { enabled: boolean; url: string };
  proof: UserProofSource;
  /** Approvers may ask for a Face Check (set up, and the backend client can start one). */
  faceCheck: boolean;
  service(): ApprovalService;
  hasService(): boolean;
  newId: () => string;
  newReference: () => string;
  recordRetentionDays: number;
}

export function createTapKit(o: TapKitOptions): TapKit {
  const log = o.logger.child({ component: 'helpdesk' });
  return {
    store: o.store,
    clock: o.clock,
    log,
    backend: o.backend,
    cards: localizedCards(o.renderer ?? createCardRenderer(), o.strings),
    locales: { ...(o.catalogues ? { catalogues: o.catalogues } : {}), ...(o.defaultLocale ? { defaultLocale: o.defaultLocale } : {}) },
    messenger: createMessenger(o.adapter, o.botAppId ?? '', o.sendBudget ?? new StoredSendBudget(o.store, o.clock, realSleep)),
    channels: createChannelStore(o.store, o.helpdeskChannelId),
    approvers: createApprovers(o.store, o.backend, log),
    threads: createThreadStore(o.store),
    tickets: createTicketStore(o.store),
    ...(o.dashboardLink ? { dashboardLink: o.dashboardLink } : {}),
    async audit(record) {
      if (!o.audit) return;
      try {
        await o.audit.append({ at: o.clock.now().toISOString(), ...record });
      } catch (e) {
        log.error({ action: record.action, err: e instanceof Error ? e.message : String(e) }, 'audit record not written');
      }
    },
    accountRecovery: o.accountRecovery ?? { enabled: false, url: 'https://aka.ms/mysecurityinfo' },
    proof: o.proof,
    faceCheck: o.faceCheck === true && o.backend.startFaceCheck !== undefined,
    service() {
      const s = o.getService();
      if (!s) throw new Error('the approval service is not configured');
      return s;
    },
    hasService: () => o.getService() !== undefined,
    newId: o.newId ?? newId,
    newReference: o.newReference ?? newReference,
    recordRetentionDays: o.recordRetentionDays ?? 30,
  };
}
