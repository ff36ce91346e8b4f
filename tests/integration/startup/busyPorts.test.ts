/**
 * `npm start` with a port another program holds: the real entry point (compiled with tsc into
 * .data/start-test-build, run with node) must stop before it starts anything, with a message that
 * names the port, the service and the config key to change.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPortProblems, localPorts, tryBind, type PlannedPort } from '../../../src/startup/ports';
import { loadConfig } from '../../../src/config';

const ROOT = join(__dirname, '..', '..', '..');
const OUT = join(ROOT, '.data', 'start-test-build');
const ENTRY = join(OUT, 'src', 'index.js');

async function occupy(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const a = server.address();
  return { server, port: typeof a === 'object' && a ? a.port : 0 };
}

async function freePort(): Promise<number> {
  const { server, port } = await occupy();
  await new Promise((r) => server.close(r));
  return port;
}

describe('busy ports are found before anything starts', () => {
  let dir: string;
  beforeAll(() => {
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--ignoreConfig', '--outDir', OUT, '--rootDir', ROOT, '--module', 'node16', '--moduleResolution', 'node16', '--target', 'ES2022', '--esModuleInterop', '--resolveJsonModule', '--skipLibCheck', '--types', 'node', join(ROOT, 'src', 'index.ts')],
      { cwd: ROOT, stdio: 'pipe' },
    );
    dir = mkdtempSync(join(tmpdir(), 'mfa-ports-'));
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('npm start with the Playground port taken exits 1 at once, naming the port and PLAYGROUND_PORT, with nothing started', async () => {
    const taken = await occupy();
    const [bot, backend] = [await freePort(), await freePort()];
    try {
      const started = Date.now();
      const r = spawnSync(process.execPath, [ENTRY], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, APP_MODE: 'local', PORT: String(bot), BACKEND_PORT: String(backend), PLAYGROUND_PORT: String(taken.port), SQLITE_PATH: join(dir, 'a.sqlite'), LOG_LEVEL: 'info' },
      });
      const elapsed = Date.now() - started;

      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`Port ${taken.port} (the Microsoft 365 Agents Playground) is already in use`);
      expect(r.stderr).toContain(`PLAYGROUND_PORT=${taken.port + 1} npm start`);
      expect(r.stderr).not.toContain('did not start in time');
      // Nothing listened: no service logged that it started.
      expect(r.stdout).not.toMatch(/listening|MFA Helper is running/);
      // Well under the 30 s the Playground start used to wait before "did not start in time" (module loading dominates).
      expect(elapsed).toBeLessThan(25_000);
      // The bot's and the backend's ports are still free (nothing was left behind).
      expect(await tryBind(bot, '127.0.0.1')).toBeUndefined();
      expect(await tryBind(backend, '127.0.0.1')).toBeUndefined();
    } finally {
      await new Promise((r) => taken.server.close(r));
    }
  }, 60_000);

  it('lists every taken port in one message, and a port configured twice', async () => {
    const a = await occupy();
    try {
      const free = await freePort();
      const planned: PlannedPort[] = [
        { key: 'PORT', port: a.port, service: 'the bot', host: '127.0.0.1' },
        { key: 'BACKEND_PORT', port: free, service: 'the backend', host: '127.0.0.1' },
        { key: 'PLAYGROUND_PORT', port: free, service: 'the Microsoft 365 Agents Playground', host: '127.0.0.1' },
      ];
      const problems = await findPortProblems(planned);
      expect(problems).toEqual([
        `Port ${a.port} (the bot) is already in use by another program. Stop that program, or set PORT to a free port, e.g. PORT=${a.port + 1} npm start.`,
        `Port ${free} is set for both the backend (BACKEND_PORT) and the Microsoft 365 Agents Playground (PLAYGROUND_PORT). Give PLAYGROUND_PORT another port.`,
      ]);
    } finally {
      await new Promise((r) => a.server.close(r));
    }
  });

  it('plans the bot, backend, fixed simulator and Playground ports; 0 (any free port) and a disabled Playground are left out', () => {
    const keys = (env: Record<string, string>) => localPorts(loadConfig({ APP_MODE: 'local', ...env })).map((p) => `${p.key}=${p.port}`);
    expect(keys({})).toEqual(['PORT=3978', 'BACKEND_PORT=3980', 'PLAYGROUND_PORT=56150']);
    expect(keys({ SIMULATOR_PORT: '4000', PLAYGROUND: 'false' })).toEqual(['PORT=3978', 'BACKEND_PORT=3980', 'SIMULATOR_PORT=4000']);
  });
});
