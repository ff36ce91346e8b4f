/** Builds and starts the privileged backend (Graph gateway + HTTP API). */
import type { Config } from '../config';
import { createBackend } from '../backend/server';
import { createGraphGateway } from '../backend/graph';
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

export async function startBackendService(config: Config, deps: { clock: Clock; logger: Logger; audit?: AuditLog; port?: number; drainMs?: number }): Promise<RunningBackend> {
  const logger = deps.logger.child({ service: 'backend' });
  const gateway = createGraphGateway(config, { clock: deps.clock, logger });
  const backend = createBackend({ config, gateway, clock: deps.clock, logger, audit: deps.audit });
  const health = createHealth({ checks: deps.audit ? [auditCheck(deps.audit)] : [] });
  const inFlight = new InFlight();
  backend.server.pre((req, res, next) => {
    res.once('close', inFlight.enter());
    return next();
  });
  registerReadiness(backend.server, health);
  const host = config.mode === 'local' ? '127.0.0.1' : '0.0.0.0';
  const { url } = await backend.listen(deps.port ?? config.backend.port, host);
  logger.info({ url }, 'backend listening');
  const close = async () => {
    health.startDraining();
    const http = backend.server.server;
    http.close(); // stop accepting
    http.closeIdleConnections();
    const drained = await inFlight.idle(deps.drainMs ?? BACKEND_DRAIN_MS);
    if (!drained) logger.warn({ inFlight: inFlight.count }, 'shutdown: requests still running after the drain period');
    await backend.close(); // closes whatever is left
  };
  return { url, close };
}
