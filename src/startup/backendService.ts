/** Builds and starts the privileged backend (Graph gateway + HTTP API). */
import type { Config } from '../config';
import { createBackend } from '../backend/server';
import { createGraphGateway } from '../backend/graph';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { AuditLog } from '../storage/types';

export interface RunningBackend {
  url: string;
  close(): Promise<void>;
}

export async function startBackendService(config: Config, deps: { clock: Clock; logger: Logger; audit?: AuditLog; port?: number }): Promise<RunningBackend> {
  const logger = deps.logger.child({ service: 'backend' });
  const gateway = createGraphGateway(config, { clock: deps.clock, logger });
  const backend = createBackend({ config, gateway, clock: deps.clock, logger, audit: deps.audit });
  const host = config.mode === 'local' ? '127.0.0.1' : '0.0.0.0';
  const { url } = await backend.listen(deps.port ?? config.backend.port, host);
  logger.info({ url }, 'backend listening');
  return { url, close: () => backend.close() };
}
