import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { main } from '../../../src/cli/audit';
import { FixedClock } from '../../../src/shared/clock';
import { openAzureStore } from '../../../src/storage/azure';
import { openSqliteStore } from '../../../src/storage/sqlite/sqliteStore';
import { startAzurite, type Azurite } from '../azure/support/azurite';
import { describeWithAzurite } from '../azure/support/available';

function run(argv: string[], env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return main(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env }).then((code) => ({ code, stdout: out.join(''), stderr: err.join('') }));
}

const records = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ at: `2026-11-2${i % 9}T09:00:00Z`, action: i % 2 ? 'tap.approved' : 'tap.requested', actor: `h${i}`, subject: 'u1', details: { requestId: `r${i}` } }));

function forge(path: string, sql: string, ...params: Array<string | number>): void {
  const raw = new Database(path);
  try {
    raw.exec('DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;');
    raw.prepare(sql).run(...params);
  } finally {
    raw.close();
  }
}

describe('npm run audit -- --verify (SQLite)', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mfa-verify-'));
    path = join(dir, 'assistant.sqlite');
    const store = openSqliteStore(path, { clock: new FixedClock('2026-11-26T12:00:00Z') });
    for (const r of records(6)) await store.append(r);
    store.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('when the trail is intact, it exits 0 and prints the anchor for the next check', async () => {
    const res = await run(['--verify', '--store', path]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/intact: 6 record\(s\), seq 1\.\.6/);
    expect(res.stdout).toMatch(/--anchor 6:[0-9a-f]{64}/);
  });

  it('when someone with file access edits a record, it exits 4 and names the record', async () => {
    forge(path, "UPDATE audit SET actor = 'attacker' WHERE seq = ?", 3);
    const res = await run(['--verify', '--store', path]);
    expect(res.code).toBe(4);
    expect(res.stdout).toContain('PROBLEM: seq 3 was changed after it was written');
  });

  it('when a record in the middle is deleted, it reports the gap and the broken link', async () => {
    forge(path, 'DELETE FROM audit WHERE seq = ?', 4);
    const res = await run(['--verify', '--store', path]);
    expect(res.code).toBe(4);
    expect(res.stdout).toContain('records missing between seq 3 and 5');
    expect(res.stdout).toContain('seq 5 does not link to the record before it');
  });

  it('when the newest records are deleted, the anchor from an earlier check catches the truncation', async () => {
    const first = await run(['--verify', '--store', path]);
    const anchor = /--anchor (\S+)/.exec(first.stdout)?.[1] ?? '';
    forge(path, 'DELETE FROM audit WHERE seq >= ?', 5);
    const plain = await run(['--verify', '--store', path]);
    expect(plain.code).toBe(0); // a chain alone cannot see a cut end
    const anchored = await run(['--verify', '--store', path, '--anchor', anchor]);
    expect(anchored.code).toBe(4);
    expect(anchored.stdout).toContain('anchor seq 6 is no longer in the trail');
  });

  it('rejects --verify with export filters, and a malformed anchor, with exit 2', async () => {
    expect((await run(['--verify', '--since', '2026-11-01', '--store', path])).code).toBe(2);
    const bad = await run(['--verify', '--anchor', '6:nothex', '--store', path]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--anchor: expected <seq>:<sha256 hex>/);
  });
});

describeWithAzurite('npm run audit on the Azure append-blob trail (Azurite)', () => {
  let azurite: Azurite;
  beforeAll(async () => {
    azurite = await startAzurite();
  }, 30000);
  afterAll(async () => azurite?.stop());

  it('with STORAGE_KIND=azure it exports and verifies the trail that two instances wrote', async () => {
    const id = randomBytes(5).toString('hex');
    const names = { documentsContainer: `docs-${id}`, botStateContainer: `bot-${id}`, auditContainer: 'audit' };
    const one = await openAzureStore(azurite.connectionString, names);
    const two = await openAzureStore(azurite.connectionString, names);
    await Promise.all(records(8).map((r, i) => (i % 2 ? one : two).append(r)));
    const env = { STORAGE_KIND: 'azure', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString };

    const exported = await run(['--action', 'tap.approved'], env);
    expect(exported.code).toBe(0);
    expect(exported.stdout.trim().split('\n')).toHaveLength(4);
    const verified = await run(['--verify'], env);
    expect(verified.stdout).toMatch(/intact: 8 record\(s\), seq 1\.\.8/);
    expect(verified.code).toBe(0);
  });
});
