/**
 * Every FollowerStore keeps the same promises (src/storage/followerTypes.ts), whichever store the
 * backend runs on: memory, SQLite tables, and documents — on a SQLite file and on Azure Storage
 * (Azurite, real HTTP) — the last being what several backend instances on Azure share.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { DocumentFollowerLease } from '../../../src/backend/followers/lease';
import { FixedClock } from '../../../src/shared/clock';
import { MemoryFollowerStore, openSqliteStore, type FollowerStore } from '../../../src/storage';
import { openAzureStore } from '../../../src/storage/azure';
import { DocumentFollowerStore } from '../../../src/storage/documentFollowerStore';
import { startAzurite, type Azurite } from '../azure/support/azurite';
import { describeWithAzurite } from '../azure/support/available';
import { tempDir } from './support/tempDir';

interface Opened {
  store: FollowerStore;
  /** A second handle on the same data (another instance), where the store is shared. */
  other?: FollowerStore;
  close(): Promise<void>;
}

const signIn = (id: string, userId: string, atMs: number) => ({ id, userId, atMs, record: { id, userId, createdDateTime: new Date(atMs).toISOString(), status: { errorCode: 53003 } } });
const T = Date.parse('2026-12-02T09:00:00Z');

function contract(name: string, open: () => Promise<Opened>): void {
  describe(name, () => {
    let o: Opened;
    beforeEach(async () => {
      o = await open();
    });
    afterEach(async () => {
      await o.close();
    });

    it('events: one user\'s events newest first from a time on, replaced by id, pruned by age', async () => {
      await o.store.putEvents('signIns', [signIn('a1', 'alice', T - 3000), signIn('b1', 'bob', T - 2000), signIn('a2', 'alice', T - 1000)]);
      await o.store.putEvents('signIns', [{ ...signIn('a1', 'alice', T - 3000), record: { id: 'a1', replaced: true } }]);

      expect(await o.store.eventsOf('signIns', 'alice', 0)).toEqual([expect.objectContaining({ id: 'a2' }), { id: 'a1', replaced: true }]);
      expect(await o.store.eventsOf('signIns', 'alice', T - 1500)).toHaveLength(1);
      expect(await o.store.eventsOf('securityInfo', 'alice', 0)).toEqual([]);
      expect(await o.store.pruneEvents('signIns', T - 1500)).toBe(2);
      expect(await o.store.eventsOf('signIns', 'alice', 0)).toEqual([expect.objectContaining({ id: 'a2' })]);
      expect(await o.store.eventsOf('signIns', 'bob', 0)).toEqual([]);
    });

    it('snapshots: a finished walk replaces the previous one; rows page in user order, case-insensitively', async () => {
      await o.store.putRows('registration', 1, [{ userId: 'Carol', record: { isMfaRegistered: false } }, { userId: 'dave', record: { isMfaRegistered: true } }]);
      await o.store.finishSnapshot('registration', 1);
      await o.store.putRows('registration', 2, [{ userId: 'carol', record: { isMfaRegistered: true } }, { userId: 'alice', record: { isMfaRegistered: false } }]);

      expect(await o.store.rowOf('registration', 'dave')).toEqual({ isMfaRegistered: true }); // walk 2 not finished yet
      await o.store.finishSnapshot('registration', 2);
      expect(await o.store.rowOf('registration', 'dave')).toBeUndefined();
      expect(await o.store.rowOf('registration', 'CAROL')).toEqual({ isMfaRegistered: true });
      expect((await o.store.rows('registration')).map((r) => r.userId)).toEqual(['alice', 'carol']);
      expect((await o.store.rows('registration', { after: 'alice', limit: 1 })).map((r) => r.userId)).toEqual(['carol']);
      expect(await o.store.rows('riskyUsers')).toEqual([]);
    });

    it('progress is kept per follower', async () => {
      expect(await o.store.progress('signIns')).toBeUndefined();
      await o.store.setProgress('signIns', { watermark: '2026-12-02T08:59:00Z', lastSuccessAt: '2026-12-02T09:00:00Z' });
      expect(await o.store.progress('signIns')).toEqual({ watermark: '2026-12-02T08:59:00Z', lastSuccessAt: '2026-12-02T09:00:00Z' });
    });

    it('where the store is shared, another instance reads what this one wrote, and concurrent writes for one user both land', async () => {
      if (!o.other) return;
      await Promise.all([o.store.putEvents('signIns', [signIn('x1', 'erin', T - 10)]), o.other.putEvents('signIns', [signIn('x2', 'erin', T - 20)])]);
      expect((await o.other.eventsOf('signIns', 'erin', 0)).map((r) => r.id)).toEqual(['x1', 'x2']);
      await o.store.setProgress('registration', { lastSuccessAt: '2026-12-02T09:00:00Z' });
      expect(await o.other.progress('registration')).toEqual({ lastSuccessAt: '2026-12-02T09:00:00Z' });
    });
  });
}

describe('follower stores', () => {
  contract('in memory', async () => ({ store: new MemoryFollowerStore(), close: async () => undefined }));
  contract('SQLite tables', async () => {
    const tmp = tempDir();
    const db = openSqliteStore(join(tmp.dir, 'f.sqlite'));
    return { store: db.followers(), close: async () => (db.close(), tmp.remove()) };
  });
  contract('documents on a SQLite file', async () => {
    const tmp = tempDir();
    const one = openSqliteStore(join(tmp.dir, 'f.sqlite'));
    const two = openSqliteStore(join(tmp.dir, 'f.sqlite'));
    return { store: new DocumentFollowerStore(one), other: new DocumentFollowerStore(two), close: async () => (one.close(), two.close(), tmp.remove()) };
  });

  describe('follower leases (two instances on one store)', () => {
    it('one instance holds each follower; the other takes over when the lease runs out; the holder renews', async () => {
      const tmp = tempDir();
      const db = openSqliteStore(join(tmp.dir, 'l.sqlite'));
      const clock = new FixedClock('2026-12-02T09:00:00Z');
      const a = new DocumentFollowerLease(db, clock, 'instance-a');
      const b = new DocumentFollowerLease(db, clock, 'instance-b');
      try {
        expect(await a.claim('signIns', 30_000)).toBe(true);
        expect(await b.claim('signIns', 30_000)).toBe(false);
        expect(await b.claim('registration', 30_000)).toBe(true);
        clock.advance(20_000);
        expect(await a.claim('signIns', 30_000)).toBe(true); // renewed to 09:00:50
        clock.advance(20_000);
        expect(await b.claim('signIns', 30_000)).toBe(false);
        clock.advance(11_000); // a stopped renewing
        expect(await b.claim('signIns', 30_000)).toBe(true);
        expect(await a.claim('signIns', 30_000)).toBe(false);
        const both = await Promise.all([new DocumentFollowerLease(db, clock, 'c').claim('riskyUsers', 1000), new DocumentFollowerLease(db, clock, 'd').claim('riskyUsers', 1000)]);
        expect(both.filter(Boolean)).toHaveLength(1);
      } finally {
        db.close();
        tmp.remove();
      }
    });
  });
});

describeWithAzurite('follower store on Azure Storage (Azurite)', () => {
  let azurite: Azurite;
  beforeAll(async () => {
    azurite = await startAzurite();
  }, 30000);
  afterAll(async () => {
    await azurite?.stop();
  });
  contract('documents in blobs, two instances', async () => {
    const id = randomBytes(6).toString('hex');
    const names = { documentsContainer: `docs-${id}`, botStateContainer: `bot-${id}`, auditContainer: `audit-${id}` };
    const one = await openAzureStore(azurite.connectionString, names);
    const two = await openAzureStore(azurite.connectionString, names);
    return {
      store: new DocumentFollowerStore(one),
      other: new DocumentFollowerStore(two),
      close: async () => {
        await one.close();
        await two.close();
        const blobs = BlobServiceClient.fromConnectionString(azurite.connectionString);
        for (const c of Object.values(names)) await blobs.getContainerClient(c).deleteIfExists();
      },
    };
  });
});
