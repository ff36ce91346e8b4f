/**
 * Builds the TeamsAdapter (a CloudAdapter) from config. Without BOT_ID the adapter is anonymous:
 * it validates no inbound token and sends none, so it is refused unless the bot runs in local
 * mode on loopback.
 */
import { TeamsAdapter } from '@microsoft/teams-ai';
import { ActivityTypes, ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import type { Config } from '../config';
import { en, fill, type Strings } from '../i18n/en';
import { AppError, describeError } from '../shared/errors';
import { newReference } from '../shared/ids';
import type { Logger } from '../shared/logger';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export type AdapterConfig = Pick<Config, 'mode'> & { bot: Pick<Config['bot'], 'appId' | 'appPassword' | 'appType' | 'tenantId' | 'host'> };

export function createTeamsAdapter(config: AdapterConfig, logger: Logger, strings: Strings = en): TeamsAdapter {
  const { appId, appPassword, appType, tenantId, host } = config.bot;
  if (!appId && !(config.mode === 'local' && LOOPBACK.has(host))) {
    throw new AppError(
      'config',
      'BOT_ID is not set: an anonymous bot accepts unauthenticated requests, so it is only allowed in local mode on a loopback host',
    );
  }
  // Anonymous (local) mode: botbuilder insists on an app id for SingleTenant, so the type is MultiTenant there.
  const auth = { MicrosoftAppId: appId, MicrosoftAppPassword: appPassword, MicrosoftAppType: appId ? appType : 'MultiTenant', MicrosoftAppTenantId: tenantId };
  const adapter = new TeamsAdapter(auth, new ConfigurationServiceClientCredentialFactory(auth));
  const log = logger.child({ component: 'adapter' });
  if (!appId) log.warn('anonymous bot adapter (local mode, loopback only)');

  // Last resort: the app's own boundary answers nearly everything; this catches SDK-level failures.
  adapter.onTurnError = async (context, error) => {
    const reference = newReference();
    const a = context.activity;
    log.error(
      { reference, err: describeError(error), conversationId: a.conversation?.id, tenantId: a.conversation?.tenantId, userId: a.from?.aadObjectId },
      'unhandled turn error',
    );
    if (a.type === ActivityTypes.Message) {
      await context.sendActivity(`${strings.notices.apologyTitle}. ${fill(strings.notices.reference, { reference })}`);
    }
  };
  return adapter;
}
