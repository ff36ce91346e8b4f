/** Builds and starts the bot: adapter, backend client, self-check page, teams-ai app, HTTP server. */
import { createDashboardToken } from '../insights/dashboard/link';
import { registerInsightsDashboard } from '../insights/dashboard/routes';
import { createFollowUps } from '../insights/followUp';
import { followUpPorts } from '../bot/followUps';
import { createMessenger } from '../bot/helpdesk/messenger';
import { createCardRenderer } from '../cards/renderCard';
import { realSleep } from '../campaigns/ports';
import { StoredSendBudget } from '../campaigns/sendBudget';
import { registerLegalPages } from '../legal/pages';
import * as path from 'node:path';
import type { Storage } from 'botbuilder';
import * as restify from 'restify';
import type { Config } from '../config';
import { createBackendClient } from '../backend/client';
import { createApp, createCheckResultsHandler } from '../bot/app';
import { createTeamsAdapter } from '../bot/adapter';
import { backendTokenProvider } from '../bot/backendToken';
import type { BotDeps } from '../bot/deps';
import { wireCampaigns } from '../bot/campaigns/wire';
import { createBotServer } from '../bot/server';
import { BackgroundWork } from '../bot/deferred/timing';
import { runTapMaintenance, type MaintenanceReport } from '../bot/tap/maintenance';
import { repostOpenRequests } from '../bot/tap/repost';
import { loadOrCreateVaultKey } from '../bot/tap/vaultKey';
import { userProofFromConfig } from '../bot/sso/fromConfig';
import { wireHelpdesk } from '../bot/tap/wire';
import { intentRecognizerFromConfig } from '../bot/understanding/fromConfig';
import { createCheckPage } from '../checkpage';
import type { CheckResultsHandler } from '../checkpage/types';
import { REQUIRED_ENDPOINTS } from '../diagnosis';
import { systemClock, type Clock } from '../shared/clock';
import { AppError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { AuditLog, DocumentStore } from '../storage/types';
import { createHealth, httpCheck, InFlight, registerReadiness, storeCheck, trackTurns } from './health';

export interface RunningBot {
  url: string;
  port: number;
  /** Graceful: /readyz turns 503, new turns get 503, in-flight turns finish (up to drainMs), then the server closes. */
  close(): Promise<void>;
  /** One pass maintenance run now (sweep, deliveries, redaction, post-use watch); absent when approvals are off. */
  runTapMaintenance?: () => Promise<MaintenanceReport>;
  /** Local demo: post the open requests' channel cards again (after the Playground restarted). */
  repostOpenTapRequests?: () => Promise<number>;
}

/** How long shutdown waits for in-flight turns (App Service allows ~30 s after SIGTERM). */
export const BOT_DRAIN_MS = 8000;

/** The hosts the self-check page probes: the knowledge base, or CHECK_PROBE_URLS (tests, demo). */
export function probeList(config: Config, localProbeBase?: string): Array<{ host: string; url: string }> {
  if (config.bot.checkProbeUrls.length > 0) {
    return config.bot.checkProbeUrls.map((url) => ({ host: new URL(url).hostname, url }));
  }
  if (localProbeBase) {
    // Local demo (offline machine): each Microsoft host is stood in for by a loopback route, so the
    // demo shows what a healthy network looks like. Real deployments probe the real hosts.
    return REQUIRED_ENDPOINTS.map((e) => ({ host: e.host, url: `${localProbeBase}/_probe/${e.host}` }));
  }
  return REQUIRED_ENDPOINTS.map((e) => ({ host: e.host, url: e.probeUrl }));
}

export async function startBotService(
  config: Config,
  deps: {
    clock: Clock;
    logger: Logger;
    store: DocumentStore & AuditLog;
    storage: Storage;
    port?: number;
    fetch?: typeof fetch;
    /** Where the generated pass vault key lives when TAP_VAULT_KEY is not set (default next to the SQLite file). */
    vaultKeyPath?: string;
    /** How often passes are swept, delivered after a restart, redacted and watched (default 60 s). */
    tapMaintenanceMs?: number;
    /** How often due "Did it stay fixed?" questions are sent (default 5 min). */
    followUpMs?: number;
    /** How long shutdown waits for in-flight turns (default BOT_DRAIN_MS). */
    drainMs?: number;
    /** More routes on the bot's server (local mode: the demo page). */
    routes?: (server: restify.Server) => void;
  },
): Promise<RunningBot> {
  const logger = deps.logger.child({ service: 'bot' });
  const adapter = createTeamsAdapter(config, logger);
  const backend = createBackendClient({ baseUrl: config.backend.url, ...(config.backend.issuerUrl ? { issuerBaseUrl: config.backend.issuerUrl } : {}), getToken: backendTokenProvider(config), timeoutMs: 25000, fetch: deps.fetch });
  const local = config.mode === 'local';
  const allowedTenants = config.bot.allowedTenants;

  let onResults: CheckResultsHandler = async () => undefined;
  const checkPage = createCheckPage({
    store: deps.store,
    // Wall-clock time, not the tenant clock: the page measures the browser's clock skew against it
    // (the local demo evaluates its tenant "as of" a capture time, which is not the real time).
    clock: systemClock,
    logger,
    secret: config.bot.checkTokenSecret,
    ttlSeconds: config.bot.checkTokenTtlSeconds,
    publicBaseUrl: config.bot.publicBaseUrl,
    probes: probeList(config, local ? config.bot.publicBaseUrl : undefined),
    onResults: (binding, facts) => onResults(binding, facts),
    trustedProxies: config.bot.checkTrustedProxies,
  });
  const approversGroupId = config.approvals.approversGroupId;
  const helpdesk = approversGroupId
    ? wireHelpdesk({
        ...(config.bot.defaultLocale ? { defaultLocale: config.bot.defaultLocale } : {}),
        approvals: { ...config.approvals, approversGroupId },
        store: deps.store,
        audit: deps.store,
        clock: deps.clock,
        logger,
        backend,
        adapter,
        botAppId: config.bot.appId,
        proof: userProofFromConfig(config, logger, deps.fetch),
        vaultKey: config.approvals.vaultKey ?? loadOrCreateVaultKey(deps.vaultKeyPath ?? path.join(path.dirname(path.resolve(config.storage.sqlitePath)), 'tap-vault.key')),
        faceCheck: config.verifiedId !== undefined,
        dashboardLink: (who) => `${config.bot.publicBaseUrl.replace(/\/+$/, '')}/admin/insights#t=${createDashboardToken(config.bot.checkTokenSecret, who, systemClock.now())}`,
      })
    : undefined;
  if (!helpdesk) logger.warn('APPROVERS_GROUP_ID is not set: helpdesk escalation and pass approval are off');
  // "Did it stay fixed?": asked FOLLOW_UP_HOURS after "It worked", on the tenant clock.
  const sendBudget = new StoredSendBudget(deps.store, deps.clock, realSleep);
  const followUps =
    (config.followUp?.hours ?? 0) > 0
      ? createFollowUps({
          store: deps.store,
          audit: deps.store,
          clock: deps.clock,
          logger,
          hours: config.followUp?.hours ?? 0,
          ports: followUpPorts({ store: deps.store, backend, messenger: createMessenger(adapter, config.bot.appId, sendBudget), renderer: createCardRenderer() }),
        })
      : undefined;
  const campaigns = wireCampaigns(config, { store: deps.store, audit: deps.store, backend, adapter, clock: deps.clock, logger });
  // Work an invoke started and answered later ("Checking…" → the result): shutdown waits for it
  // like for turns, so a late answer is not lost when the instance stops.
  const background = new BackgroundWork();
  const botDeps: BotDeps = {
    backend,
    invokes: { background },
    checkPage,
    store: deps.store,
    audit: deps.store,
    storage: deps.storage,
    clock: deps.clock,
    logger,
    allowedTenants,
    adapter,
    botAppId: config.bot.appId,
    ...(config.bot.defaultLocale ? { defaultLocale: config.bot.defaultLocale } : {}),
    intents: intentRecognizerFromConfig(config, logger),
    // The same store-backed budget the helpdesk and campaign kits use by default (one per tenant).
    sendBudget,
    ...(followUps ? { followUps } : {}),
    ...(helpdesk ? { helpdesk: helpdesk.kit, escalations: helpdesk.escalations } : {}),
    ...(campaigns ? { campaigns: campaigns.kit } : {}),
  };
  const app = createApp(botDeps);
  onResults = createCheckResultsHandler(botDeps);

  const health = createHealth({ checks: [storeCheck(deps.store), httpCheck('backend', `${config.backend.url.replace(/\/+$/, '')}/healthz`, deps.fetch)] });
  const inFlight = new InFlight();
  const server = createBotServer({
    adapter: trackTurns(adapter, health, inFlight),
    app,
    logger,
    mode: config.mode,
    host: config.bot.host,
    port: deps.port ?? config.bot.port,
    register: (s: restify.Server) => {
      registerReadiness(s, health);
      checkPage.register(s);
      registerLegalPages(s, config.bot.legal);
      registerInsightsDashboard(s, {
        secret: config.bot.checkTokenSecret,
        clock: systemClock,
        dataClock: deps.clock,
        logger,
        audit: deps.store,
        isApprover: async (oid) => (await backend.checkApprover({ userId: oid })).approver,
        // The Teams tab: the backend validates the SSO token and checks the group in one call.
        teamsViewer: async (userToken: string) => {
          if (!backend.insightsViewer) throw new AppError('forbidden', 'this backend cannot check Teams sign-ins');
          return backend.insightsViewer({ userToken });
        },
      });
      deps.routes?.(s);
      if (local) {
        s.get('/_probe/:host', (_req, res, next) => {
          res.header('access-control-allow-origin', '*');
          res.send(204);
          next();
        });
      }
    },
  });
  const { url, port } = await server.listen();
  logger.info({ url }, 'bot listening');
  // Also delivers passes a previous instance issued but did not send (restart between approval and delivery).
  // Graceful: /readyz 503 and new turns 503 (health.draining), stop accepting, let in-flight turns
  // finish (up to drainMs), then close what is left.
  const drainAndClose = async () => {
    health.startDraining();
    const http = server.server.server;
    const closed = server.close();
    const drainMs = deps.drainMs ?? BOT_DRAIN_MS;
    const started = Date.now();
    const drained = await inFlight.idle(drainMs);
    if (!drained) logger.warn({ inFlight: inFlight.count }, 'shutdown: turns still running after the drain period');
    const finished = await background.drain(Math.max(0, drainMs - (Date.now() - started)));
    if (!finished) logger.warn({ background: background.size }, 'shutdown: invoke work still running after the drain period; a re-sent press starts it again');
    http.closeIdleConnections();
    if (!drained) http.closeAllConnections();
    await closed;
  };
  const stopMaintenance = helpdesk?.startMaintenance(deps.tapMaintenanceMs ?? 60_000);
  const stopCampaigns = campaigns?.start();
  const stopFollowUps = followUps?.start(deps.followUpMs ?? 5 * 60_000);
  return {
    url,
    port,
    ...(helpdesk ? { runTapMaintenance: () => runTapMaintenance(helpdesk.kit), repostOpenTapRequests: () => repostOpenRequests(helpdesk.kit) } : {}),
    close: async () => {
      stopMaintenance?.();
      stopCampaigns?.();
      stopFollowUps?.();
      await drainAndClose();
    },
  };
}
