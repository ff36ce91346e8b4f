/**
 * `diagnose --tenant <fixture>`: the fixture served by the local Graph simulator on a free
 * loopback port, and the config that points the real gateway at it (LOCAL_APPS credentials).
 */
import { loadConfig, type Config } from '../config';
import { startSimulator, LOCAL_APPS, type RunningSimulator } from '../simulator';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';

/** Env keys the caller may still tune for a local run (retries, timeouts, diagnosis windows, logs). */
const PASSTHROUGH = ['LOG_LEVEL', 'GRAPH_MAX_RETRIES', 'GRAPH_TIMEOUT_MS', 'GRAPH_POLICY_CACHE_SECONDS', 'DIAG_RECENT_HOURS', 'DIAG_LOCKOUT_HOURS', 'DIAG_STALE_DEVICE_DAYS'];

export function localConfig(sim: Pick<RunningSimulator, 'graphBaseUrl' | 'authorityHost' | 'tenantId'>, env: Record<string, string | undefined>): Config {
  const picked: Record<string, string | undefined> = {};
  for (const k of PASSTHROUGH) picked[k] = env[k];
  return loadConfig({
    ...picked,
    APP_MODE: 'local',
    GRAPH_BASE_URL: sim.graphBaseUrl,
    GRAPH_AUTHORITY_HOST: sim.authorityHost,
    // User tokens (proof of the person) come from the simulator's token service in local mode.
    BACKEND_AUTHORITY_HOST: sim.authorityHost,
    GRAPH_TENANT_ID: sim.tenantId,
    GRAPH_CREDENTIAL: 'clientSecret',
    GRAPH_CLIENT_ID: LOCAL_APPS.diagnostic.clientId,
    GRAPH_CLIENT_SECRET: LOCAL_APPS.diagnostic.clientSecret,
    TAP_GRAPH_CREDENTIAL: 'clientSecret',
    TAP_GRAPH_CLIENT_ID: LOCAL_APPS.tapIssuer.clientId,
    TAP_GRAPH_CLIENT_SECRET: LOCAL_APPS.tapIssuer.clientSecret,
    VERIFIED_ID_SERVICE_URL: sim.graphBaseUrl,
    CONTAIN_GRAPH_CREDENTIAL: 'clientSecret',
    CONTAIN_GRAPH_CLIENT_ID: LOCAL_APPS.containment.clientId,
    CONTAIN_GRAPH_CLIENT_SECRET: LOCAL_APPS.containment.clientSecret,
    CONTAIN_BLOCK_SIGN_IN: env.CONTAIN_BLOCK_SIGN_IN,
    DEVICE_GRAPH_CREDENTIAL: 'clientSecret',
    DEVICE_GRAPH_CLIENT_ID: LOCAL_APPS.deviceCleanup.clientId,
    DEVICE_GRAPH_CLIENT_SECRET: LOCAL_APPS.deviceCleanup.clientSecret,
    APPS_GRAPH_CREDENTIAL: 'clientSecret',
    APPS_GRAPH_CLIENT_ID: LOCAL_APPS.appInstaller.clientId,
    APPS_GRAPH_CLIENT_SECRET: LOCAL_APPS.appInstaller.clientSecret,
  });
}

export async function startLocalTenant(fixture: unknown, clock: Clock, logger: Logger): Promise<RunningSimulator> {
  return startSimulator({ fixture, clock, port: 0, logger });
}
