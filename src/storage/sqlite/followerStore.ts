/**
 * FollowerStore on the SQLite file. Its tables have their own small schema (created if missing,
 * versioned in `follower_meta`) so they never compete with the numbered migrations of schema.ts.
 */
import type Database from 'better-sqlite3';
import type { EventKind, FollowerProgress, FollowerStore, SnapshotKind, TimedRecord } from '../followerTypes';

const FOLLOWER_SCHEMA = `
  CREATE TABLE IF NOT EXISTS follower_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS follower_events (
    kind TEXT NOT NULL, id TEXT NOT NULL, user_id TEXT NOT NULL, at_ms INTEGER NOT NULL, record TEXT NOT NULL,
    PRIMARY KEY (kind, id)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS follower_events_user ON follower_events (kind, user_id, at_ms);
  CREATE INDEX IF NOT EXISTS follower_events_at ON follower_events (kind, at_ms);
  CREATE TABLE IF NOT EXISTS follower_rows (
    kind TEXT NOT NULL, user_id TEXT NOT NULL, generation INTEGER NOT NULL, record TEXT NOT NULL,
    PRIMARY KEY (kind, user_id)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS follower_progress (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  INSERT OR IGNORE INTO follower_meta (name, value) VALUES ('schema', '1');
`;

const parse = (s: string): Record<string, unknown> => JSON.parse(s) as Record<string, unknown>;

export class SqliteFollowerStore implements FollowerStore {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    db.exec(FOLLOWER_SCHEMA);
    this.stmts = {
      putEvent: db.prepare('INSERT INTO follower_events (kind, id, user_id, at_ms, record) VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET user_id = excluded.user_id, at_ms = excluded.at_ms, record = excluded.record'),
      eventsOf: db.prepare<[string, string, number], { record: string }>('SELECT record FROM follower_events WHERE kind = ? AND user_id = ? AND at_ms >= ? ORDER BY at_ms DESC'),
      prune: db.prepare('DELETE FROM follower_events WHERE kind = ? AND at_ms < ?'),
      putRow: db.prepare('INSERT INTO follower_rows (kind, user_id, generation, record) VALUES (?, ?, ?, ?) ON CONFLICT (kind, user_id) DO UPDATE SET generation = excluded.generation, record = excluded.record'),
      finish: db.prepare('DELETE FROM follower_rows WHERE kind = ? AND generation < ?'),
      rowOf: db.prepare<[string, string], { record: string }>('SELECT record FROM follower_rows WHERE kind = ? AND user_id = ?'),
      rows: db.prepare<[string, string, number], { user_id: string; record: string }>('SELECT user_id, record FROM follower_rows WHERE kind = ? AND user_id > ? ORDER BY user_id LIMIT ?'),
      progress: db.prepare<[string], { value: string }>('SELECT value FROM follower_progress WHERE name = ?'),
      setProgress: db.prepare('INSERT INTO follower_progress (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value'),
    };
  }

  async putEvents(kind: EventKind, records: TimedRecord[]): Promise<void> {
    this.db.transaction(() => {
      for (const r of records) this.stmts.putEvent.run(kind, r.id, r.userId.toLowerCase(), r.atMs, JSON.stringify(r.record));
    })();
  }
  async eventsOf(kind: EventKind, userId: string, sinceMs: number): Promise<Array<Record<string, unknown>>> {
    return this.stmts.eventsOf.all(kind, userId.toLowerCase(), sinceMs).map((r) => parse(r.record));
  }
  async pruneEvents(kind: EventKind, beforeMs: number): Promise<number> {
    return this.stmts.prune.run(kind, beforeMs).changes;
  }
  async putRows(kind: SnapshotKind, generation: number, rows: Array<{ userId: string; record: Record<string, unknown> }>): Promise<void> {
    this.db.transaction(() => {
      for (const r of rows) this.stmts.putRow.run(kind, r.userId.toLowerCase(), generation, JSON.stringify(r.record));
    })();
  }
  async finishSnapshot(kind: SnapshotKind, generation: number): Promise<void> {
    this.stmts.finish.run(kind, generation);
  }
  async rowOf(kind: SnapshotKind, userId: string): Promise<Record<string, unknown> | undefined> {
    const r = this.stmts.rowOf.get(kind, userId.toLowerCase());
    return r ? parse(r.record) : undefined;
  }
  async rows(kind: SnapshotKind, opts: { after?: string; limit?: number } = {}): Promise<Array<{ userId: string; record: Record<string, unknown> }>> {
    return this.stmts.rows.all(kind, (opts.after ?? '').toLowerCase(), opts.limit ?? 1000).map((r) => ({ userId: r.user_id, record: parse(r.record) }));
  }
  async progress(follower: string): Promise<FollowerProgress | undefined> {
    const r = this.stmts.progress.get(follower);
    return r ? (JSON.parse(r.value) as FollowerProgress) : undefined;
  }
  async setProgress(follower: string, progress: FollowerProgress): Promise<void> {
    this.stmts.setProgress.run(follower, JSON.stringify(progress));
  }
}
