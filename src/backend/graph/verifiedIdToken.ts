/**
 * App-only token for the Verified ID Request Service (entra-graph-2026.md §19.1): client credentials
 * with scope `3db474b9-6a0c-4840-96ac-1fceb342124f/.default` (the Verifiable Credentials Service
 * Request app), through the same credential plumbing as Graph (this folder is the only one that
 * touches @azure/identity). The token carries the `VerifiableCredential.Create.All` app role.
 * Never logged.
 */
import type { Config, GraphIdentityConfig } from '../../config';
import { AppError } from '../../shared/errors';
import { createCredential } from './createGraphClient';

export const VERIFIED_ID_SCOPE = '3db474b9-6a0c-4840-96ac-1fceb342124f/.default';

/** A token source for the Request Service, for the given identity (the diagnostic identity by default). */
export function createVerifiedIdTokenSource(identity: GraphIdentityConfig, graph: Pick<Config['graph'], 'tenantId' | 'authorityHost' | 'baseUrl' | 'maxRetries'>): () => Promise<string> {
  const credential = createCredential(identity, graph);
  return async () => {
    try {
      const token = await credential.getToken(VERIFIED_ID_SCOPE);
      if (!token) throw new Error('no token');
      return token.token;
    } catch (e) {
      throw new AppError('unavailable', 'no token for the Verified ID Request Service (check the app role VerifiableCredential.Create.All)', { expected: false, cause: e });
    }
  };
}
