/**
 * Busy ports, found before anything starts: `npm start` lists every port the local demo will
 * listen on, tries each one, and refuses to start with one message that names the port, the
 * service and the setting (config key) to change — instead of failing half-way (or, for the
 * Playground, with "did not start in time").
 */
import * as net from 'node:net';
import type { Config } from '../config';

export interface PlannedPort {
  /** The config key that sets it (docs/configuration.md). */
  key: string;
  port: number;
  /** Who listens there, in plain words. */
  service: string;
  host: string;
}

/** Every fixed port `npm start` (APP_ROLE=all) listens on; 0 (= any free port) is not listed. */
export function localPorts(config: Config): PlannedPort[] {
  const planned: PlannedPort[] = [
    { key: 'PORT', port: config.bot.port, service: 'the bot', host: config.bot.host },
    { key: 'BACKEND_PORT', port: config.backend.port, service: 'the backend', host: '127.0.0.1' },
    { key: 'SIMULATOR_PORT', port: config.simulator.port, service: 'the Graph simulator', host: '127.0.0.1' },
  ];
  if (config.simulator.playground) planned.push({ key: 'PLAYGROUND_PORT', port: config.simulator.playgroundPort, service: 'the Microsoft 365 Agents Playground', host: '127.0.0.1' });
  return planned.filter((p) => p.port !== 0);
}

/** Resolves with the error code when the port cannot be bound (EADDRINUSE, EACCES), else undefined. */
export function tryBind(port: number, host: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}

/** One line per problem: a port used twice in the config, or taken by another program. */
export async function findPortProblems(planned: PlannedPort[], bind: typeof tryBind = tryBind): Promise<string[]> {
  const problems: string[] = [];
  const seen = new Map<number, PlannedPort>();
  for (const p of planned) {
    const first = seen.get(p.port);
    if (first) {
      problems.push(`Port ${p.port} is set for both ${first.service} (${first.key}) and ${p.service} (${p.key}). Give ${p.key} another port.`);
      continue;
    }
    seen.set(p.port, p);
    const code = await bind(p.port, p.host);
    if (code === 'EADDRINUSE') problems.push(`Port ${p.port} (${p.service}) is already in use by another program. Stop that program, or set ${p.key} to a free port, e.g. ${p.key}=${p.port + 1} npm start.`);
    else if (code) problems.push(`Port ${p.port} (${p.service}) cannot be opened (${code}). Set ${p.key} to another port.`);
  }
  return problems;
}

export class PortsBusyError extends Error {
  constructor(readonly problems: string[]) {
    super(`MFA Helper did not start: ${problems.length === 1 ? 'a port it needs is not available' : 'ports it needs are not available'}.\n${problems.map((p) => `  - ${p}`).join('\n')}\nPorts and how to change them: README.md ("Ports") and docs/configuration.md.`);
    this.name = 'PortsBusyError';
  }
}

/** Throws PortsBusyError (nothing started yet) when a planned port cannot be used. */
export async function assertPortsFree(planned: PlannedPort[]): Promise<void> {
  const problems = await findPortProblems(planned);
  if (problems.length > 0) throw new PortsBusyError(problems);
}
