/**
 * Builds the helpdesk / pass approval side from config: the approval service over the backend
 * ports, with the bot's notifier; the kit createApp needs; the escalation service; maintenance.
 */
import { createBackendApprovalDirectory, createBackendTapIssuer } from '../../approvals/backendPorts';
import { createApprovalService, type ApprovalService } from '../../approvals/service';
import { createPassVault } from '../../approvals/vault';
import type { BackendClient } from '../../backend/client';
import type { Config } from '../../config';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { AuditLog, DocumentStore } from '../../storage/types';
import type { ProactiveAdapter } from '../deps';
import type { EscalationService } from '../escalation';
import { createHelpdeskEscalationService } from '../helpdesk/escalate';
import type { UserProofSource } from '../sso/userProof';
import { createTapKit, type TapKit } from './kit';
import { startTapMaintenance, type Timers } from './maintenance';
import { createTapNotifier } from './notifier';

export interface HelpdeskWiring {
  kit: TapKit;
  service: ApprovalService;
  escalations: EscalationService;
  startMaintenance(intervalMs: number, timers?: Timers): () => void;
}

export interface HelpdeskWiringDeps {
  approvals: Config['approvals'] & { approversGroupId: string };
  store: DocumentStore;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  backend: Pick<BackendClient, 'issueTap' | 'revokeTap' | 'checkApprover' | 'riskProfile' | 'tapStatus' | 'openTapRequest' | 'tapDelivered' | 'startFaceCheck' | 'faceCheckStatus'>;
  /** Verified ID Face Check is set up (VERIFIED_ID_AUTHORITY): approvers may ask for it. */
  faceCheck?: boolean;
  /** Where the employee's and the approver's own tokens come from (Teams SSO, or the local identity provider). */
  proof: UserProofSource;
  adapter: ProactiveAdapter;
  botAppId: string;
  vaultKey: Buffer;
  instanceId?: string;
  dashboardLink?: (who: { oid: string; tid: string }) => string;
  /** The tenant default language (BOT_DEFAULT_LOCALE). */
  defaultLocale?: string;
}

export function wireHelpdesk(d: HelpdeskWiringDeps): HelpdeskWiring {
  // Late-bound: the service is built with the notifier, which needs the kit.
  const late: { service?: ApprovalService } = {};
  const kit = createTapKit({
    store: d.store,
    audit: d.audit,
    clock: d.clock,
    logger: d.logger,
    backend: d.backend,
    adapter: d.adapter,
    botAppId: d.botAppId,
    getService: () => late.service,
    proof: d.proof,
    ...(d.approvals.helpdeskChannelId ? { helpdeskChannelId: d.approvals.helpdeskChannelId } : {}),
    accountRecovery: d.approvals.accountRecovery,
    ...(d.faceCheck ? { faceCheck: true } : {}),
    ...(d.approvals.recordRetentionDays ? { recordRetentionDays: d.approvals.recordRetentionDays } : {}),
    ...(d.dashboardLink ? { dashboardLink: d.dashboardLink } : {}),
    ...(d.defaultLocale ? { defaultLocale: d.defaultLocale } : {}),
  });
  const a = d.approvals;
  const service = createApprovalService({
    store: d.store,
    audit: d.audit,
    clock: d.clock,
    logger: d.logger.child({ component: 'approvals' }),
    policy: {
      approversGroupId: a.approversGroupId,
      requireManagerConfirmation: a.requireManagerConfirmation,
      ...(a.lifetimeMinutes ? { lifetimeMinutes: a.lifetimeMinutes } : {}),
      requestTtlMinutes: a.requestTtlMinutes,
      rateLimits: { perApproverPerWindow: a.perApproverPerHour, perTenantPerWindow: a.perTenantPerHour, windowMinutes: 60 },
    },
    issuer: createBackendTapIssuer(d.backend),
    directory: createBackendApprovalDirectory(d.backend, { clock: d.clock }),
    vault: createPassVault({ store: d.store, key: d.vaultKey, clock: d.clock }),
    notifier: createTapNotifier(kit),
    ...(d.instanceId ? { instanceId: d.instanceId } : {}),
  });
  late.service = service;
  return {
    kit,
    service,
    escalations: createHelpdeskEscalationService(kit),
    startMaintenance: (intervalMs, timers) => startTapMaintenance(kit, intervalMs, timers),
  };
}
