/** Shared setup for simulator integration tests: the real Graph client + @azure/identity against the simulator. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClientSecretCredential } from '@azure/identity';
import { Client } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import { FixedClock } from '../../../src/shared/clock';
import { LOCAL_APPS, startSimulator, type RunningSimulator, type SimulatorApp } from '../../../src/simulator';

export const FIXTURE_PATH = join(__dirname, '..', '..', 'fixtures', 'tenants', 'minimal.json');
export const NOW = '2026-11-26T09:00:00Z';
export const ADELE = 'b0000000-0000-0000-0000-000000000001';
export const MEGAN = 'b0000000-0000-0000-0000-000000000002';
export const HANK = 'b0000000-0000-0000-0000-000000000003';
export const ISAIAH = 'b0000000-0000-0000-0000-000000000004';
export const GINA_UPN = 'gina_fabrikam.example#EXT#@contoso.example';

export type Json = Record<string, unknown>;

/** A deep copy of the minimal fixture to modify per test. */
export function fixtureCopy(): Json {
  return JSON.parse(readFileSync(FIXTURE_PATH, 'utf8')) as Json;
}

export async function start(fixture: unknown = FIXTURE_PATH, clock = new FixedClock(NOW)): Promise<{ sim: RunningSimulator; clock: FixedClock }> {
  const sim = await startSimulator({ fixture, clock });
  return { sim, clock };
}

export function graphClient(sim: RunningSimulator, app: SimulatorApp = LOCAL_APPS.diagnostic): Client {
  const credential = new ClientSecretCredential(sim.tenantId, app.clientId, app.clientSecret ?? '', {
    authorityHost: sim.authorityHost,
    disableInstanceDiscovery: true,
  });
  return Client.initWithMiddleware({
    authProvider: new TokenCredentialAuthenticationProvider(credential, { scopes: ['https://graph.microsoft.com/.default'] }),
    baseUrl: `${sim.graphBaseUrl}/`,
    customHosts: new Set(['localhost']),
    defaultVersion: 'v1.0',
  });
}

export async function tokenFor(sim: RunningSimulator, app: SimulatorApp = LOCAL_APPS.diagnostic): Promise<string> {
  const res = await fetch(`${sim.url}/${sim.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret ?? '', scope: 'https://graph.microsoft.com/.default' }),
  });
  const body = (await res.json()) as Json;
  if (typeof body.access_token !== 'string') throw new Error(`no token: ${JSON.stringify(body)}`);
  return body.access_token;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: Json;
}

/** Raw HTTPS call to /v1.0 (path relative to /v1.0). */
export async function graphFetch(sim: RunningSimulator, token: string | undefined, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  const h: Record<string, string> = { ...headers };
  if (token !== undefined) h.authorization = `Bearer ${token}`;
  if (body !== undefined) h['content-type'] = 'application/json';
  const init: RequestInit = { method, headers: h };
  if (body !== undefined) init.body = JSON.stringify(body);
  const res = await fetch(path.startsWith('https://') ? path : `${sim.url}/v1.0${path}`, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Json) : {} };
}

export function values(body: Json): Json[] {
  return Array.isArray(body.value) ? (body.value as Json[]) : [];
}
