import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type CliIo } from '../../../src/cli/diagnose';
import { LOCAL_APPS, startSimulator } from '../../../src/simulator';
import { silentLogger } from '../../../src/shared/logger';

const FIXTURES = join(__dirname, '..', 'backend', 'fixtures');
const TENANT = join(FIXTURES, 'small-tenant.json');
const NOW = '2026-11-26T09:30:00Z';

async function run(argv: string[], env: Record<string, string | undefined> = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** A loopback port with nothing listening. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const address = srv.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise((r) => srv.close(r));
  return port;
}

const tmp = mkdtempSync(join(tmpdir(), 'diagnose-cli-'));
const file = (name: string, text: string) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

describe('diagnose command (in-process main)', () => {
  it('with --json, prints exactly user, findings, graph (+gaps) and exits 0', async () => {
    const r = await run(['--user', 'alice@fabrikam.example', '--tenant', TENANT, '--now', NOW, '--json']);

    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual(['findings', 'gaps', 'graph', 'user']);
    expect(out.user).toMatchObject({ id: '30000000-0000-0000-0000-000000000001', userPrincipalName: 'alice@fabrikam.example' });
    // Round trips include the retries Microsoft's budgets force (the simulator's limits are on).
    expect(out.graph).toEqual({ requests: expect.any(Number), roundTrips: expect.any(Number) });
    const findings = out.findings as Array<Record<string, unknown>>;
    // `vars` (the data the wording uses, so a reader's locale can word it again) extends the shape.
    expect(findings[0]).toEqual({ code: 'CA_BLOCKS_REGISTRATION', severity: 'blocking', fix: expect.any(String), evidence: expect.any(Object), title: expect.any(String), steps: expect.any(Array), vars: expect.any(Object) });
  });

  it('without --json, prints a readable report with the root cause first', async () => {
    const r = await run(['--user', '30000000-0000-0000-0000-000000000001', '--tenant', TENANT, '--now', NOW]);

    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Diagnosis for Alice Blocked <alice@fabrikam.example>/);
    expect(r.stdout).toMatch(/Most likely root cause:\n {2}1\. \[BLOCKING\] CA_BLOCKS_REGISTRATION/);
    expect(r.stdout).toMatch(/Graph: \d+ requests in \d+ round trips?/);
  });

  it('with valid client facts, they reach the diagnosis', async () => {
    const r = await run(['--user', 'bob@fabrikam.example', '--tenant', TENANT, '--now', NOW, '--json', '--client', join(FIXTURES, 'client-ok.json')]);

    expect(r.code).toBe(0);
  });

  it('when --now moves a week later, the old sign-in no longer counts', async () => {
    const r = await run(['--user', 'alice@fabrikam.example', '--tenant', TENANT, '--now', '2026-12-03T09:30:00Z', '--json']);

    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('60000000-0000-0000-0000-000000000001');
  });

  it.each([
    ['no --user', ['--tenant', TENANT], /--user/],
    ['an unknown option', ['--user', 'a@b.c', '--colour', 'x'], /colour/],
    ['a bad --now', ['--user', 'a@b.c', '--now', 'yesterday'], /--now/],
    ['a missing fixture file', ['--user', 'a@b.c', '--tenant', join(tmp, 'missing.json')], /cannot read tenant fixture .*ENOENT/],
    ['a fixture that is not JSON', ['--user', 'a@b.c', '--tenant', file('broken.json', '{"tenant": ')], /not valid JSON/],
    ['an invalid fixture', ['--user', 'a@b.c', '--tenant', file('invalid.json', '{"tenant": {"id": 5}, "users": "nobody"}')], /invalid tenant fixture/],
    ['client facts with an unknown field', ['--user', 'alice@fabrikam.example', '--tenant', TENANT, '--client', join(FIXTURES, 'client-typo.json')], /unknown field "attemptedMetod"/],
    ['client facts that are not JSON', ['--user', 'alice@fabrikam.example', '--tenant', TENANT, '--client', file('client.json', 'nope')], /client facts .* not valid JSON/],
    ['an unknown user', ['--user', 'ghost@fabrikam.example', '--tenant', TENANT, '--now', NOW], /unknown user ghost@fabrikam.example/],
  ])('with %s, exits 2 with a one-line reason', async (_name, argv, reason) => {
    const r = await run(argv as string[]);

    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toMatch(reason as RegExp);
    expect(r.stderr.split('\n')[0]).toMatch(/^diagnose: /);
  });

  it('without --tenant and without Graph credentials, exits 2 saying what to configure', async () => {
    const r = await run(['--user', 'a@b.c'], {});

    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/GRAPH_TENANT_ID/);
  });

  it('when the token service rejects the configured credential, exits 3 and says so', async () => {
    const sim = await startSimulator({ fixture: TENANT, logger: silentLogger() });
    try {
      const r = await run(['--user', 'alice@fabrikam.example'], {
        GRAPH_BASE_URL: sim.graphBaseUrl,
        GRAPH_AUTHORITY_HOST: sim.authorityHost,
        GRAPH_TENANT_ID: sim.tenantId,
        GRAPH_CLIENT_ID: LOCAL_APPS.diagnostic.clientId,
        GRAPH_CLIENT_SECRET: 'not-the-secret',
        GRAPH_MAX_RETRIES: '0',
      });

      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/^diagnose: Microsoft Graph refused the request: the token service rejected the Graph credential/);
    } finally {
      await sim.close();
    }
  });

  it('when the configured Graph cannot be reached, exits 3', async () => {
    const port = await closedPort();
    const r = await run(['--user', 'a@b.c', '--json'], {
      GRAPH_BASE_URL: `https://localhost:${port}`,
      GRAPH_AUTHORITY_HOST: `https://localhost:${port}`,
      GRAPH_TENANT_ID: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
      GRAPH_CLIENT_ID: '00000000-0000-0000-0000-00000000d1a9',
      GRAPH_CLIENT_SECRET: 'x',
      GRAPH_MAX_RETRIES: '0',
    });

    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^diagnose: Microsoft Graph could not be reached/);
  });
});
