/**
 * Versioned schema for the SQLite store. Each migration runs once, in order, inside an
 * IMMEDIATE transaction that also bumps `PRAGMA user_version`, so two processes opening a new
 * file at the same time cannot both migrate it. Never edit a released migration: append one.
 */
import type Database from 'better-sqlite3';

const MIGRATIONS: readonly string[] = [
  // 1: JSON documents with ETags, and the append-only audit trail.
  `CREATE TABLE documents (
     collection TEXT NOT NULL,
     key        TEXT NOT NULL,
     value      TEXT NOT NULL,
     etag       TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     PRIMARY KEY (collection, key)
   ) WITHOUT ROWID;
   CREATE TABLE audit (
     seq            INTEGER PRIMARY KEY AUTOINCREMENT,
     at             TEXT NOT NULL,
     at_ms          INTEGER NOT NULL,
     action         TEXT NOT NULL,
     actor          TEXT NOT NULL,
     subject        TEXT,
     details        TEXT,
     correlation_id TEXT,
     recorded_at    TEXT NOT NULL
   );
   CREATE INDEX audit_action ON audit (action, seq);
   CREATE INDEX audit_subject ON audit (subject, seq);
   CREATE INDEX audit_at ON audit (at_ms, seq);
   CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
     BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
   CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
     BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;`,
  // 2: botbuilder Storage items (conversation / user state), kept apart from documents.
  `CREATE TABLE bot_state (
     key        TEXT PRIMARY KEY,
     value      TEXT NOT NULL,
     etag       TEXT NOT NULL,
     updated_at TEXT NOT NULL
   ) WITHOUT ROWID;`,
  // 3: the audit trail becomes a hash chain (src/storage/auditChain.ts). Records written before
  // this migration keep NULL hashes; the chain starts at the first record written after it.
  `ALTER TABLE audit ADD COLUMN prev_hash TEXT;
   ALTER TABLE audit ADD COLUMN hash TEXT;`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

function userVersion(db: Database.Database): number {
  const v: unknown = db.pragma('user_version', { simple: true });
  return typeof v === 'number' ? v : 0;
}

/** Brings the database to SCHEMA_VERSION; refuses a file written by a newer version of the app. */
export function migrate(db: Database.Database): number {
  const run = db.transaction(() => {
    const current = userVersion(db);
    if (current > SCHEMA_VERSION) {
      throw new Error(`SQLite schema version ${current} is newer than this build understands (${SCHEMA_VERSION})`);
    }
    for (let v = current; v < SCHEMA_VERSION; v++) {
      const sql = MIGRATIONS[v];
      if (sql === undefined) break;
      db.exec(sql);
      db.pragma(`user_version = ${v + 1}`);
    }
    return userVersion(db);
  });
  return run.immediate();
}
