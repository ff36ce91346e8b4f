/**
 * The command as a real child process: compiled with tsc into .data/cli-test-build (so the test
 * does not depend on a prior `npm run build`), run with node. The re-exec test runs it WITHOUT
 * NODE_EXTRA_CA_CERTS: the command must set it up itself.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const OUT = join(ROOT, '.data', 'cli-test-build');
const ENTRY = join(OUT, 'src', 'cli', 'diagnose.js');
const TENANT = join(__dirname, '..', 'backend', 'fixtures', 'small-tenant.json');

function runCli(args: string[], env: Record<string, string | undefined>) {
  const r = spawnSync(process.execPath, [ENTRY, ...args], { cwd: ROOT, env: env as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function baseEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: process.env.HOME };
  return env;
}

beforeAll(() => {
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--ignoreConfig', '--outDir', OUT, '--rootDir', ROOT, '--module', 'node16', '--moduleResolution', 'node16', '--target', 'ES2022', '--esModuleInterop', '--resolveJsonModule', '--skipLibCheck', '--types', 'node', join(ROOT, 'src', 'cli', 'diagnose.ts')],
    { cwd: ROOT, stdio: 'pipe' },
  );
}, 120_000);

describe('diagnose as a child process', () => {
  it('without NODE_EXTRA_CA_CERTS, re-executes itself trusting the loopback certificate and exits 0 with JSON', () => {
    const r = runCli(['--user', 'alice@fabrikam.example', '--tenant', TENANT, '--now', '2026-11-26T09:30:00Z', '--json'], baseEnv());

    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { findings: Array<{ code: string }>; graph: { roundTrips: number } };
    expect(out.findings[0]?.code).toBe('CA_BLOCKS_REGISTRATION');
    // Round trips include the retries Microsoft's budgets force (the simulator's limits are on).
    expect(out.graph.roundTrips).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('with an unknown user, exits 2 with one line on stderr', () => {
    const r = runCli(['--user', 'ghost@fabrikam.example', '--tenant', TENANT], baseEnv());

    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^diagnose: unknown user ghost@fabrikam.example$/)]);
  }, 60_000);

  it('with real config pointing at a closed port, exits 3', async () => {
    const srv = createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const address = srv.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await new Promise((r) => srv.close(r));

    const r = runCli(['--user', 'alice@fabrikam.example'], {
      ...baseEnv(),
      GRAPH_BASE_URL: `https://localhost:${port}`,
      GRAPH_AUTHORITY_HOST: `https://localhost:${port}`,
      GRAPH_TENANT_ID: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
      GRAPH_CLIENT_ID: '00000000-0000-0000-0000-00000000d1a9',
      GRAPH_CLIENT_SECRET: 'x',
    });

    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/Microsoft Graph could not be reached/);
  }, 60_000);
});
