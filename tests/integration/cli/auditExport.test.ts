import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CSV_COLUMNS, csvCell, main } from '../../../src/cli/audit';
import { FixedClock } from '../../../src/shared/clock';
import { openSqliteStore } from '../../../src/storage/sqlite/sqliteStore';
import { IssueTapResponseSchema } from '../../../src/backend/api';
import { ALICE, startTapStack } from '../backend/tapStack';

function run(argv: string[], env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return main(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env }).then((code) => ({ code, stdout: out.join(''), stderr: err.join('') }));
}

describe('npm run audit (audit export)', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mfa-audit-'));
    path = join(dir, 'assistant.sqlite');
    const store = openSqliteStore(path, { clock: new FixedClock('2026-11-26T12:00:00Z') });
    await store.append({ at: '2026-11-24T09:00:00Z', action: 'diagnosis', actor: 'bot', subject: 'u1', details: { codes: [] } });
    await store.append({ at: '2026-11-25T09:00:00Z', action: 'tap.requested', actor: 'u1', subject: 'u1', details: { requestId: 'r1', reason: '=HYPERLINK("http://evil")' }, correlationId: 'conv-1' });
    await store.append({ at: '2026-11-25T10:00:00Z', action: 'tap.approved', actor: 'h1', subject: 'u1', details: { requestId: 'r1', verificationNote: 'badge, "4711", on video' } });
    await store.append({ at: '2026-11-26T09:00:00Z', action: 'tap.issued', actor: 'h1', subject: 'u1', details: { requestId: 'r1', methodId: 'm1', pass: 'leaked-by-a-bug' } });
    store.close();
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports every record as JSON lines, oldest first, with secret-named fields redacted', async () => {
    const res = await run(['--store', path]);

    expect(res.code).toBe(0);
    const lines = res.stdout.trim().split('\n').map((l) => JSON.parse(l) as { seq: number; action: string; details?: Record<string, unknown> });
    expect(lines.map((l) => l.action)).toEqual(['diagnosis', 'tap.requested', 'tap.approved', 'tap.issued']);
    expect(lines.map((l) => l.seq)).toEqual([1, 2, 3, 4]);
    expect(lines[3]?.details).toEqual({ requestId: 'r1', methodId: 'm1', pass: '[redacted]' });
    expect(res.stdout).not.toContain('leaked-by-a-bug');
    expect(res.stderr).toMatch(/4 record\(s\) exported/);
  });

  it('filters by --since (inclusive), --until (exclusive) and an --action prefix', async () => {
    const res = await run(['--store', path, '--since', '2026-11-25', '--until', '2026-11-26T09:00:00Z', '--action', 'tap.*']);

    expect(res.code).toBe(0);
    expect(res.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { action: string }).action)).toEqual(['tap.requested', 'tap.approved']);
  });

  it('exports CSV with a header, RFC 4180 quoting and no spreadsheet formulas', async () => {
    const res = await run(['--store', path, '--format', 'csv', '--action', 'tap.requested']);

    expect(res.code).toBe(0);
    const [header, row, end] = res.stdout.split('\r\n');
    expect(header).toBe(CSV_COLUMNS.join(','));
    expect(row).toBe('2,2026-11-25T09:00:00Z,tap.requested,u1,u1,r1,conv-1,"{""requestId"":""r1"",""reason"":""=HYPERLINK(\\""http://evil\\"")""}"');
    expect(end).toBe('');
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('a,b')).toBe('"a,b"');
  });

  it('pages through more records than one query returns', async () => {
    const store = openSqliteStore(path);
    for (let i = 0; i < 2500; i++) await store.append({ at: '2026-11-26T10:00:00Z', action: 'bulk', actor: 'system' });
    store.close();

    const res = await run(['--store', path, '--action', 'bulk']);

    expect(res.stdout.trim().split('\n')).toHaveLength(2500);
  });

  it('reads SQLITE_PATH when --store is not given', async () => {
    const res = await run(['--action', 'tap.issued'], { SQLITE_PATH: path, APP_MODE: 'local' });

    expect(res.code).toBe(0);
    expect(res.stdout.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    [['--format', 'xml']],
    [['--since', 'yesterday']],
    [['--since', '2026-11-26', '--until', '2026-11-25']],
    [['--bogus']],
    [['--action', 'drop table']],
  ])('when the arguments are bad (%j), it exits 2 with the usage', async (argv) => {
    const res = await run(['--store', path, ...argv]);

    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/usage: audit/);
    expect(res.stdout).toBe('');
  });

  it('when there is no store at the path, it exits 2 and creates nothing', async () => {
    const res = await run(['--store', join(dir, 'missing.sqlite')]);

    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/no audit store/);
    expect(existsSync(join(dir, 'missing.sqlite'))).toBe(false);
  });
});

describe('audit export after a real issuance', () => {
  it('the backend issuance records come out of the store the backend wrote, without the pass', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mfa-audit-stack-'));
    try {
      const stack = await startTapStack({ dir });
      const pass = IssueTapResponseSchema.parse((await stack.issue()).body).pass;
      await stack.post('/v1/tap/revoke', { targetUser: ALICE.id, revokeSessions: true, by: ALICE.id, reason: "This wasn't me" });
      await stack.close();

      const res = await run(['--store', join(dir, 'assistant.sqlite'), '--format', 'csv', '--action', 'tap.*']);

      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/tap\.created/);
      expect(res.stdout).toMatch(/tap\.revoked/);
      expect(res.stdout).not.toContain(pass);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
