/** Builds and starts the privileged backend (Graph gateway + HTTP API). */
import type { Config } from '../config';
import { createBackend } from '../backend/server';
import { BudgetKeeper, budgetSpecs, DocumentBucketStore, MemoryBucketStore } from '../backend/budget';
import { createVerifiedIdTokenSource, realSleep } from '../backend/graph';
import { createRequestServiceClient } from '../backend/verifiedId/requestServiceClient';
import { realTimer, type Timer } from '../backend/followers/scheduler';
import { startTenantGraph } from '../backend/followers/tenantGraph';
import type { FollowerIntervals } from '../backend/followers/types';
import { MemoryFollowerStore, type FollowerStore } from '../storage';
import { DocumentFollowerStore } from '../storage/documentFollowerStore';
import { DocumentFollowerLease } from '../backend/followers/lease';
import { randomUUID } from 'node:crypto';
import type { DocumentStore } from '../storage/types';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { AuditLog } from '../storage/types';
import { auditCheck, createHealth, InFlight, registerReadiness } from './health';

export interface RunningBackend {
  url: string;
  /** Graceful: /readyz turns 503, the listener closes, in-flight requests finish (up to drainMs). */
  close(): Promise<void>;
}

export const BACKEND_DRAIN_MS = 8000;

export interface BackendServiceDeps {
  clock: Clock;
  logger: Logger;
  audit?: AuditLog;
  port?: number;
  drainMs?: number;
  /** Names this instance in follower leases (default: a random id per start). */
  instanceId?: string;
  /** Where the tenant-wide followers keep what they read (default: `documents` when given, else memory, this instance only). */
  followerStore?: FollowerStore;
  /** Shared documents (SQLite file or Azure Blob): the tenant's Graph budgets become one record per bucket with ETags, shared by every instance. */
  documents?: DocumentStore;
  /** Injected timer and sleep for the followers and budget waits (default: real ones). */
  timer?: Timer;
  sleep?: (ms: number) => Promise<void>;
  followerIntervals?: Partial<FollowerIntervals>;
}

export async function startBackendService(config: Config, deps: BackendServiceDeps): Promise<RunningBackend> {
  const logger = deps.logger.child({ service: 'backend' });
  const sleep = deps.sleep ?? realSleep;
  const budget = new BudgetKeeper({
    tenantId: config.graph.tenantId,
    specs: budgetSpecs(),
    store: deps.documents ? new DocumentBucketStore(deps.documents) : new MemoryBucketStore(),
    clock: deps.clock,
    sleep,
  });
  const tenant = startTenantGraph(config, {
    clock: deps.clock,
    logger: logger.child({ component: 'followers' }),
    // On Azure the followers' data lives in the shared documents, and one instance runs each follower.
    store: deps.followerStore ?? (deps.documents ? new DocumentFollowerStore(deps.documents) : new MemoryFollowerStore()),
    ...(deps.documents ? { lease: new DocumentFollowerLease(deps.documents, deps.clock, deps.instanceId ?? randomUUID()) } : {}),
    timer: deps.timer ?? realTimer,
    budget,
    sleep,
    ...(deps.followerIntervals ? { intervals: deps.followerIntervals } : {}),
  });
  const gateway = tenant.gateway;
  // The backend service and the TAP issuer service run this same code with their own routes and identities.
  const routes = config.role === 'issuer' ? 'issuer' : config.role === 'backend' ? 'directory' : 'all';
  // Face Check: the Request Service with an app-only token of the diagnostic identity (docs/permissions.md).
  // Own copy of the settings: in local mode the callback goes to this backend's own loopback address (known after listen).
  const verifiedId = config.verifiedId ? { ...config.verifiedId } : undefined;
  const faceCheckClient = verifiedId
    ? createRequestServiceClient({ baseUrl: verifiedId.serviceUrl, getToken: createVerifiedIdTokenSource(config.graph.read, config.graph), timeoutMs: config.graph.timeoutMs })
    : undefined;
  const backend = createBackend({ config: { ...config, verifiedId }, gateway, clock: deps.clock, logger, audit: deps.audit, routes, ...(faceCheckClient ? { faceCheckClient } : {}) });
  const health = createHealth({ checks: deps.audit ? [auditCheck(deps.audit)] : [] });
  const inFlight = new InFlight();
  backend.server.pre((req, res, next) => {
    res.once('close', inFlight.enter());
    return next();
  });
  registerReadiness(backend.server, health);
  const host = config.mode === 'local' ? '127.0.0.1' : '0.0.0.0';
  const { url } = await backend.listen(deps.port ?? config.backend.port, host);
  if (verifiedId && config.mode === 'local') verifiedId.callbackBaseUrl = url;
  logger.info({ url }, 'backend listening');
  const close = async () => {
    health.startDraining();
    const http = backend.server.server;
    http.close(); // stop accepting
    http.closeIdleConnections();
    const drained = await inFlight.idle(deps.drainMs ?? BACKEND_DRAIN_MS);
    if (!drained) logger.warn({ inFlight: inFlight.count }, 'shutdown: requests still running after the drain period');
    await backend.close(); // closes whatever is left
    await tenant.stop();
  };
  return { url, close };
}
