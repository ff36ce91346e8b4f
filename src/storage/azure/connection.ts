/**
 * Parses AZURE_STORAGE_CONNECTION_STRING. Three forms:
 * - a classic connection string with `AccountKey=` (Azurite, or an account that allows shared keys);
 * - a connection string with `SharedAccessSignature=` (a SAS);
 * - identity-based (no key, no SAS): `BlobEndpoint=https://<acct>.blob.core.windows.net;TableEndpoint=
 *   https://<acct>.table.core.windows.net[;ManagedIdentityClientId=<client id>]`. The store then
 *   needs a TokenCredential from the composition root (the account can disable shared keys).
 * `UseDevelopmentStorage=true` means Azurite on its default ports.
 */
import { AppError } from '../../shared/errors';

const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export type AzureStorageAuth =
  | { kind: 'connectionString'; connectionString: string }
  | { kind: 'identity'; managedIdentityClientId?: string };

export interface AzureStorageTarget {
  blobEndpoint: string;
  tableEndpoint: string;
  auth: AzureStorageAuth;
  /** http:// endpoints (Azurite on loopback). */
  insecure: boolean;
}

function fields(cs: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of cs.split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    out.set(part.slice(0, i).trim().toLowerCase(), part.slice(i + 1).trim());
  }
  return out;
}

function endpoint(f: Map<string, string>, service: 'blob' | 'table'): string | undefined {
  const explicit = f.get(`${service}endpoint`);
  if (explicit) return explicit.replace(/\/+$/, '');
  const account = f.get('accountname');
  if (!account) return undefined;
  const protocol = f.get('defaultendpointsprotocol') ?? 'https';
  const suffix = f.get('endpointsuffix') ?? 'core.windows.net';
  return `${protocol}://${account}.${service}.${suffix}`;
}

export function parseConnectionString(raw: string): AzureStorageTarget {
  let cs = raw.trim();
  if (/^usedevelopmentstorage=true;?$/i.test(cs)) {
    cs = `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE_KEY};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;`;
  }
  const f = fields(cs);
  const blobEndpoint = endpoint(f, 'blob');
  const tableEndpoint = endpoint(f, 'table');
  if (!blobEndpoint || !tableEndpoint) {
    throw new AppError('config', 'AZURE_STORAGE_CONNECTION_STRING must name the blob and table endpoints (or AccountName)');
  }
  const insecure = blobEndpoint.startsWith('http://') || tableEndpoint.startsWith('http://');
  if (f.has('accountkey') || f.has('sharedaccesssignature')) {
    // The SDKs parse the string themselves; our own key (ManagedIdentityClientId) must not reach them.
    const sdkString = cs
      .split(';')
      .filter((p) => !/^\s*managedidentityclientid\s*=/i.test(p))
      .join(';');
    return { blobEndpoint, tableEndpoint, insecure, auth: { kind: 'connectionString', connectionString: sdkString } };
  }
  const clientId = f.get('managedidentityclientid');
  return { blobEndpoint, tableEndpoint, insecure, auth: { kind: 'identity', ...(clientId ? { managedIdentityClientId: clientId } : {}) } };
}
