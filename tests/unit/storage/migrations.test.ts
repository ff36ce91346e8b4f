import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { verifyChain, walkChain } from '../../../src/storage/auditChain';
import { openSqliteStore, SCHEMA_VERSION } from '../../../src/storage';
import { newEtag } from '../../../src/storage/sqlite/etag';

describe('SQLite schema migrations', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mfa-migrate-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('when a file is at schema version 1, opening it adds the later tables and keeps the documents', async () => {
    const path = join(dir, 's.sqlite');
    const v2 = openSqliteStore(path);
    const etag = await v2.put('c', 'k', { kept: true });
    v2.close();
    // Make it look like a file written by the first release (before bot_state existed).
    const raw = new Database(path);
    raw.exec('DROP TABLE bot_state; ALTER TABLE audit DROP COLUMN prev_hash; ALTER TABLE audit DROP COLUMN hash;');
    raw.pragma('user_version = 1');
    raw.close();

    const upgraded = openSqliteStore(path);
    expect(await upgraded.get('c', 'k')).toEqual({ value: { kept: true }, etag });
    await upgraded.botStorage().write({ conv: { n: 1 } });
    expect((await upgraded.botStorage().read(['conv']))['conv'].n).toBe(1);
    upgraded.close();
    const check = new Database(path, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    check.close();
  });

  it('when a file predates the hash chain, its old records stay and the chain starts at the first new record', async () => {
    const path = join(dir, 's.sqlite');
    openSqliteStore(path).close();
    const raw = new Database(path);
    raw.exec('ALTER TABLE audit DROP COLUMN prev_hash; ALTER TABLE audit DROP COLUMN hash;');
    raw.pragma('user_version = 2');
    raw.prepare("INSERT INTO audit (at, at_ms, action, actor, recorded_at) VALUES ('2026-01-01T00:00:00Z', 0, 'old', 'system', '2026-01-01T00:00:00Z')").run();
    raw.close();

    const upgraded = openSqliteStore(path);
    const r = await upgraded.append({ at: '2026-01-02T00:00:00Z', action: 'new', actor: 'system' });
    expect(r.seq).toBe(2);
    expect(await upgraded.chainStart()).toBe(2);
    const report = await verifyChain(walkChain(upgraded), [], await upgraded.chainStart());
    expect(report).toMatchObject({ ok: true, count: 1, firstSeq: 2, lastSeq: 2 });
    expect((await upgraded.query()).map((x) => x.action)).toEqual(['old', 'new']);
    upgraded.close();
  });

  it('when a current file is opened again, no migration runs twice (the data and version are unchanged)', async () => {
    const path = join(dir, 's.sqlite');
    const a = openSqliteStore(path);
    await a.append({ at: '2026-01-01T00:00:00Z', action: 'x', actor: 'system' });
    a.close();
    const b = openSqliteStore(path);
    expect(await b.query()).toHaveLength(1);
    b.close();
  });

  it('when an in-memory path is given, the store works without touching the file system', async () => {
    const s = openSqliteStore(':memory:');
    await s.put('c', 'k', 1);
    expect((await s.get('c', 'k'))?.value).toBe(1);
    s.close();
  });
});

describe('ETags', () => {
  it('when many ETags are made, they are all different and URL/header safe', () => {
    const tags = Array.from({ length: 10000 }, () => newEtag());
    expect(new Set(tags).size).toBe(tags.length);
    expect(tags.every((t) => /^[A-Za-z0-9_-]{16}$/.test(t))).toBe(true);
  });
});
