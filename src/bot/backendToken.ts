/**
 * How the bot proves itself to the privileged backend. Local mode: the shared local key.
 * Entra mode: an access token for BACKEND_AUDIENCE obtained with the bot's own app identity
 * (the same credential botbuilder uses for the Bot Connector), so the bot holds no other secret.
 */
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import type { Config } from '../config';
import { AppError } from '../shared/errors';

interface TokenSource {
  getToken(forceRefresh?: boolean): Promise<string>;
}

function hasGetToken(x: unknown): x is TokenSource {
  return typeof x === 'object' && x !== null && typeof (x as { getToken?: unknown }).getToken === 'function';
}

export function backendTokenProvider(config: Pick<Config, 'backend' | 'bot'>): () => Promise<string> {
  if (config.backend.authMode === 'localKey') {
    const key = config.backend.localKey;
    return async () => key;
  }
  const audience = config.backend.audience;
  if (!audience) throw new AppError('config', 'BACKEND_AUDIENCE is required for entra caller authentication');
  const { appId, appPassword, appType, tenantId } = config.bot;
  const factory = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: appId,
    MicrosoftAppPassword: appPassword,
    MicrosoftAppType: appType,
    MicrosoftAppTenantId: tenantId,
  });
  let source: Promise<TokenSource> | undefined;
  const scope = audience.endsWith('/.default') ? audience.slice(0, -'/.default'.length) : audience;
  const login = `${config.backend.authorityHost.replace(/\/+$/, '')}/${tenantId || 'botframework.com'}`;
  return async () => {
    source ??= factory.createCredentials(appId, scope, login, true).then((c) => {
      if (!hasGetToken(c)) throw new AppError('config', 'the bot credential cannot mint tokens for the backend');
      return c;
    });
    return (await source).getToken();
  };
}
