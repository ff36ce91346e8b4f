/** Builds the campaign side of the bot from config (composition root helper). */
import type { BackendClient } from '../../backend/client';
import type { Config } from '../../config';
import type { Clock } from '../../shared/clock';
import { describeError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { AuditLog, DocumentStore } from '../../storage/types';
import { createCampaignKit, type CampaignKit } from './kit';
import type { CampaignAdapter } from './nudgeSender';
import { startCardRefresh } from './refresher';

export interface CampaignWiring {
  kit: CampaignKit;
  /** Resumes campaigns a crash left running and starts the card refresh; returns stop. */
  start(): () => void;
}

export function wireCampaigns(
  config: Pick<Config, 'campaigns'> & Partial<Pick<Config, 'evaluation'>> & { bot: Pick<Config['bot'], 'appId' | 'tenantId' | 'allowedTenants' | 'defaultLocale'> },
  d: { store: DocumentStore; backend: BackendClient; adapter: CampaignAdapter; clock: Clock; logger: Logger; audit?: AuditLog },
): CampaignWiring | undefined {
  const c = config.campaigns;
  const tenantId = config.bot.tenantId || config.bot.allowedTenants[0];
  if (!c || !tenantId) return undefined;
  const kit = createCampaignKit({
    store: d.store,
    backend: d.backend,
    clock: d.clock,
    logger: d.logger,
    tenantId,
    botAppId: config.bot.appId,
    adapter: d.adapter,
    ...(config.bot.defaultLocale ? { defaultLocale: config.bot.defaultLocale } : {}),
    ...(d.audit ? { audit: d.audit } : {}),
    ...(config.evaluation?.shadow ? { reportOnly: true } : {}),
    settings: { budgetPerSecond: c.budgetPerSecond, quietHours: c.quietHours, ...(c.excludedGroupId ? { excludedGroupId: c.excludedGroupId } : {}) },
  });
  return {
    kit,
    start() {
      kit.service.resumeRunning().then(
        (ids) => ids.length > 0 && kit.log.info({ campaigns: ids }, 'campaigns left running were resumed'),
        (e: unknown) => kit.log.warn({ err: describeError(e) }, 'could not resume running campaigns'),
      );
      return startCardRefresh(kit, c.cardRefreshSeconds * 1000);
    },
  };
}
