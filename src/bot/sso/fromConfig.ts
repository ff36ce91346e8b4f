/** The bot's user-proof source from config: Teams SSO in production, the local identity provider in local mode. */
import type { Config } from '../../config';
import { en } from '../../i18n/en';
import { LOCAL_SSO_APP_ID } from '../../shared/localIdentity';
import type { Logger } from '../../shared/logger';
import { localIdpProof, teamsSsoProof, type UserProofSource } from './userProof';

export function userProofFromConfig(config: Pick<Config, 'mode' | 'bot' | 'graph' | 'proof'>, logger: Logger, fetchImpl?: typeof fetch): UserProofSource {
  const proof = config.proof ?? { mode: config.mode === 'local' ? 'localIdp' : 'teamsSso', connectionName: 'TeamsSso', audiences: [], maxAgeSeconds: 600 };
  if (proof.mode === 'localIdp' && config.mode === 'local') {
    logger.warn('LOCAL IDENTITY PROVIDER: requests and approvals are "signed in" by the Graph simulator\'s token endpoint (local mode only)');
    return localIdpProof({
      authorityHost: config.graph.authorityHost,
      tenantId: config.graph.tenantId,
      audience: proof.audiences[0] ?? LOCAL_SSO_APP_ID,
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    });
  }
  return teamsSsoProof({ connectionName: proof.connectionName, appId: config.bot.appId, prompt: { text: en.tap.signInPrompt, button: en.tap.signInButton } });
}
