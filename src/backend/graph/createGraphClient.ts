/**
 * Builds a Microsoft Graph client for one identity (toolchain.md §7, §8). The ONLY place, with the
 * rest of backend/graph/, that touches @azure/identity and @microsoft/microsoft-graph-client.
 *
 * The middleware chain is Authentication → HTTP on purpose: retries (429/503/504, Retry-After) are
 * done by the gateway itself (retry.ts) so they are counted, bounded by GRAPH_MAX_RETRIES and can
 * use an injected sleep in tests. The SDK's RetryHandler would sleep on wall-clock time, invisibly.
 */
import { ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import { AuthenticationHandler, Client, HTTPMessageHandler } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import type { Config, GraphIdentityConfig } from '../../config';

const PUBLIC_AUTHORITY = 'login.microsoftonline.com';
const PUBLIC_GRAPH = 'graph.microsoft.com';

export interface GraphClientSettings {
  /** Base URL without /v1.0 (e.g. https://graph.microsoft.com or https://localhost:PORT). */
  baseUrl: string;
  /** Scope requested from the token service. */
  scope: string;
  /** Hosts (other than graph.microsoft.com) the client may send the bearer token to. */
  customHosts: string[];
  authorityHost: string;
  disableInstanceDiscovery: boolean;
}

/** Derives the client settings from config (pure, so it is unit-testable). */
export function graphClientSettings(graph: Pick<Config['graph'], 'baseUrl' | 'authorityHost'>): GraphClientSettings {
  const base = new URL(graph.baseUrl);
  const baseUrl = `${base.origin}${base.pathname.replace(/\/+$/, '').replace(/\/v1\.0$/i, '')}`;
  const host = base.hostname.toLowerCase();
  const authority = new URL(graph.authorityHost);
  const sovereign = host !== PUBLIC_GRAPH && host.startsWith('graph.') && host.includes('microsoft');
  return {
    baseUrl,
    scope: sovereign ? `${base.origin}/.default` : `https://${PUBLIC_GRAPH}/.default`,
    customHosts: host === PUBLIC_GRAPH ? [] : [host],
    authorityHost: authority.origin,
    disableInstanceDiscovery: authority.hostname.toLowerCase() !== PUBLIC_AUTHORITY,
  };
}

/** The credential named by config; token-service retries are kept short (the gateway retries Graph calls). */
export function createCredential(identity: GraphIdentityConfig, graph: Pick<Config['graph'], 'tenantId' | 'authorityHost' | 'baseUrl' | 'maxRetries'>): TokenCredential {
  const settings = graphClientSettings(graph);
  const options = {
    authorityHost: settings.authorityHost,
    disableInstanceDiscovery: settings.disableInstanceDiscovery,
    retryOptions: { maxRetries: Math.min(graph.maxRetries, 2), retryDelayInMs: 200, maxRetryDelayInMs: 2000 },
  };
  switch (identity.credential) {
    case 'certificate':
      return new ClientCertificateCredential(graph.tenantId, identity.clientId, { certificatePath: identity.certificatePath }, options);
    case 'managedIdentity':
      return identity.clientId
        ? new ManagedIdentityCredential({ clientId: identity.clientId, retryOptions: options.retryOptions })
        : new ManagedIdentityCredential({ retryOptions: options.retryOptions });
    case 'clientSecret':
    default:
      return new ClientSecretCredential(graph.tenantId, identity.clientId, identity.clientSecret, options);
  }
}

/** A real Graph client for one identity (read or TAP-issuing). */
export function createGraphClient(identity: GraphIdentityConfig, graph: Config['graph']): Client {
  const settings = graphClientSettings(graph);
  const credential = createCredential(identity, graph);
  const authProvider = new TokenCredentialAuthenticationProvider(credential, { scopes: [settings.scope] });
  return Client.initWithMiddleware({
    middleware: [new AuthenticationHandler(authProvider), new HTTPMessageHandler()],
    baseUrl: `${settings.baseUrl}/`,
    defaultVersion: 'v1.0',
    customHosts: settings.customHosts.length > 0 ? new Set(settings.customHosts) : undefined,
  });
}
