import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../../src/storage';
import { describeDocumentStoreContract, type ContractFixture } from './contract';
import { tempDir } from './support/tempDir';

describeDocumentStoreContract('SQLite (temp file)', async (): Promise<ContractFixture> => {
  const tmp = tempDir();
  // A nested, not-yet-existing directory: opening must create it.
  const path = join(tmp.dir, 'nested', 'dir', 'store.sqlite');
  return {
    open: async (opts) => openSqliteStore(path, opts),
    tamperAudit: async (seq, how) => {
      const raw = new Database(path);
      try {
        if (how === 'update') raw.prepare("UPDATE audit SET action = 'tampered' WHERE seq = ?").run(seq);
        else raw.prepare('DELETE FROM audit WHERE seq = ?').run(seq);
      } catch (e) {
        // better-sqlite3's native addon keeps the SqliteError class of the first jest sandbox that
        // loaded it, so in later test files the error is from another realm: re-throw a local one.
        throw new Error(e instanceof Object && 'message' in e ? String(e.message) : String(e), { cause: e });
      } finally {
        raw.close();
      }
    },
    forgeAudit: async (seq, how) => {
      const raw = new Database(path);
      try {
        raw.exec('DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;');
        if (how === 'edit') raw.prepare("UPDATE audit SET actor = 'someone-else' WHERE seq = ?").run(seq);
        else raw.prepare('DELETE FROM audit WHERE seq = ?').run(seq);
      } finally {
        raw.close();
      }
    },
    dispose: async () => tmp.remove(),
  };
});
