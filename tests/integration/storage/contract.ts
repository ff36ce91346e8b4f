/**
 * The DocumentStore + AuditLog contract, as a reusable suite. Every store implementation (SQLite
 * now, Azure Storage / Azurite later) runs exactly these tests through its public interface.
 */
import type { Clock } from '../../../src/shared/clock';
import { ConflictError, type AuditLog, type DocumentStore } from '../../../src/storage/types';
import { verifyChain, walkChain, type AuditChainReader } from '../../../src/storage/auditChain';

export type ContractStore = DocumentStore & AuditLog & AuditChainReader & { close(): void | Promise<void> };

export interface ContractFixture {
  /** Opens a new, independent connection to the same underlying storage location. */
  open(opts?: { clock?: Clock }): Promise<ContractStore>;
  /** Optional: tries to modify an audit record behind the API's back (raw SQL, REST call...). Must reject. */
  tamperAudit?(seq: number, how: 'update' | 'delete'): Promise<void>;
  /**
   * Optional: changes the stored trail with every protection removed (an attacker with full access
   * to the storage account or file), so the chain verification can be shown to catch it.
   */
  forgeAudit?(seq: number, how: 'edit' | 'remove'): Promise<void>;
  /** Removes the location (temp dir, container...). Connections are already closed. */
  dispose(): Promise<void>;
}

const C = 'contract';

async function settle<T>(ps: Array<Promise<T>>) {
  const results = await Promise.allSettled(ps);
  const won = results.filter((r): r is PromiseFulfilledResult<Awaited<T>> => r.status === 'fulfilled');
  const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  return { won, lost };
}

export function describeDocumentStoreContract(name: string, factory: () => Promise<ContractFixture>): void {
  describe(`${name}: DocumentStore + AuditLog contract`, () => {
    let fixture: ContractFixture;
    let store: ContractStore;
    const extra: ContractStore[] = [];

    beforeEach(async () => {
      fixture = await factory();
      store = await fixture.open();
    });
    afterEach(async () => {
      for (const s of [store, ...extra.splice(0)]) await s.close();
      await fixture.dispose();
    });
    const another = async () => {
      const s = await fixture.open();
      extra.push(s);
      return s;
    };

    describe('documents', () => {
      it('when a key was never written, get returns undefined', async () => {
        expect(await store.get(C, 'missing')).toBeUndefined();
      });

      it('when a document is put, get returns an equal copy and the ETag put returned', async () => {
        const value = { a: 1, nested: { list: ['x', 'y'], flag: true, none: null }, text: 'héllo ✓' };
        const etag = await store.put(C, 'k', value);
        const got = await store.get<typeof value>(C, 'k');
        expect(got).toEqual({ value, etag });
        expect(typeof etag).toBe('string');
        expect(etag.length).toBeGreaterThan(0);
      });

      it('when the same value is written twice, the ETag still changes', async () => {
        const e1 = await store.put(C, 'k', { v: 1 });
        const e2 = await store.put(C, 'k', { v: 1 });
        expect(e2).not.toBe(e1);
        expect((await store.get(C, 'k'))?.etag).toBe(e2);
      });

      it('when a returned value is mutated, the stored document is unchanged', async () => {
        await store.put(C, 'k', { list: [1] });
        const got = await store.get<{ list: number[] }>(C, 'k');
        got?.value.list.push(2);
        expect((await store.get(C, 'k'))?.value).toEqual({ list: [1] });
      });

      it('when ifNoneMatch * targets a new key, the document is created; on an existing key it is a ConflictError and nothing changes', async () => {
        const etag = await store.put(C, 'k', { v: 1 }, { ifNoneMatch: '*' });
        await expect(store.put(C, 'k', { v: 2 }, { ifNoneMatch: '*' })).rejects.toBeInstanceOf(ConflictError);
        expect(await store.get(C, 'k')).toEqual({ value: { v: 1 }, etag });
      });

      it('when ifMatch carries the current ETag the write succeeds; a stale ETag is a ConflictError and nothing changes', async () => {
        const e1 = await store.put(C, 'k', { v: 1 });
        const e2 = await store.put(C, 'k', { v: 2 }, { ifMatch: e1 });
        await expect(store.put(C, 'k', { v: 3 }, { ifMatch: e1 })).rejects.toBeInstanceOf(ConflictError);
        expect(await store.get(C, 'k')).toEqual({ value: { v: 2 }, etag: e2 });
      });

      it('when ifMatch targets a key that does not exist, the write is a ConflictError and nothing is created', async () => {
        const etag = await store.put(C, 'other', { v: 1 });
        await expect(store.put(C, 'k', { v: 1 }, { ifMatch: etag })).rejects.toBeInstanceOf(ConflictError);
        expect(await store.get(C, 'k')).toBeUndefined();
      });

      it('when a key is deleted and created again, the old ETag no longer matches', async () => {
        const old = await store.put(C, 'k', { v: 1 });
        await store.delete(C, 'k');
        await store.put(C, 'k', { v: 1 });
        await expect(store.put(C, 'k', { v: 2 }, { ifMatch: old })).rejects.toBeInstanceOf(ConflictError);
      });

      it('when deleting, true means something was deleted; a stale ifMatch is a ConflictError and the document stays', async () => {
        const e1 = await store.put(C, 'k', { v: 1 });
        const e2 = await store.put(C, 'k', { v: 2 });
        await expect(store.delete(C, 'k', { ifMatch: e1 })).rejects.toBeInstanceOf(ConflictError);
        expect(await store.get(C, 'k')).toEqual({ value: { v: 2 }, etag: e2 });
        expect(await store.delete(C, 'k', { ifMatch: e2 })).toBe(true);
        expect(await store.get(C, 'k')).toBeUndefined();
        expect(await store.delete(C, 'k')).toBe(false);
        expect(await store.delete(C, 'k', { ifMatch: e2 })).toBe(false);
      });

      it('when two collections use the same key, they do not see each other', async () => {
        await store.put('a', 'k', { from: 'a' });
        await store.put('b', 'k', { from: 'b' });
        await store.delete('a', 'k');
        expect(await store.get('a', 'k')).toBeUndefined();
        expect((await store.get('b', 'k'))?.value).toEqual({ from: 'b' });
      });

      it('when 50 writers put with the same ifMatch at once, exactly one wins and the others get ConflictError', async () => {
        const base = await store.put(C, 'race', { writer: -1 });
        const { won, lost } = await settle(Array.from({ length: 50 }, (_, i) => store.put(C, 'race', { writer: i }, { ifMatch: base })));
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(49);
        for (const l of lost) expect(l.reason).toBeInstanceOf(ConflictError);
        const final = await store.get<{ writer: number }>(C, 'race');
        expect(final?.etag).toBe(won[0]?.value);
        expect(final?.value.writer).not.toBe(-1);
      });

      it('when 50 writers create the same key with ifNoneMatch * at once, exactly one wins', async () => {
        const { won, lost } = await settle(Array.from({ length: 50 }, (_, i) => store.put(C, 'once', { writer: i }, { ifNoneMatch: '*' })));
        expect(won).toHaveLength(1);
        expect(lost.every((l) => l.reason instanceof ConflictError)).toBe(true);
      });

      it('when two connections race with the same ifMatch, exactly one wins and both then see the winner', async () => {
        const other = await another();
        const base = await store.put(C, 'shared', { n: 0 });
        const attempts: Array<Promise<string>> = [];
        for (let i = 0; i < 20; i++) attempts.push((i % 2 === 0 ? store : other).put(C, 'shared', { n: i + 1 }, { ifMatch: base }));
        const { won, lost } = await settle(attempts);
        expect(won).toHaveLength(1);
        expect(lost.every((l) => l.reason instanceof ConflictError)).toBe(true);
        const a = await store.get(C, 'shared');
        const b = await other.get(C, 'shared');
        expect(a).toEqual(b);
        expect(a?.etag).toBe(won[0]?.value);
      });

      it('when two connections do read-modify-write increments with retry, no increment is lost', async () => {
        const other = await another();
        await store.put(C, 'counter', { n: 0 });
        const increment = async (s: ContractStore) => {
          for (;;) {
            const cur = await s.get<{ n: number }>(C, 'counter');
            if (!cur) throw new Error('counter vanished');
            try {
              await s.put(C, 'counter', { n: cur.value.n + 1 }, { ifMatch: cur.etag });
              return;
            } catch (e) {
              if (!(e instanceof ConflictError)) throw e;
            }
          }
        };
        await Promise.all(Array.from({ length: 40 }, (_, i) => increment(i % 2 === 0 ? store : other)));
        expect((await other.get<{ n: number }>(C, 'counter'))?.value.n).toBe(40);
      });

      it('when the store is closed and opened again, documents and ETags are still there', async () => {
        const etag = await store.put(C, 'durable', { kept: true });
        await store.close();
        store = await fixture.open();
        expect(await store.get(C, 'durable')).toEqual({ value: { kept: true }, etag });
        await expect(store.put(C, 'durable', { kept: false }, { ifMatch: etag })).resolves.toEqual(expect.any(String));
      });

      it('when listing, keys come in key order, only from the collection, filtered by prefix', async () => {
        for (const k of ['b/2', 'a/1', 'b/1', 'c', 'b/10']) await store.put(C, k, { k });
        await store.put('elsewhere', 'b/3', { k: 'b/3' });
        const all = await store.list<{ k: string }>(C);
        expect(all.map((x) => x.key)).toEqual(['a/1', 'b/1', 'b/10', 'b/2', 'c']);
        expect(all.every((x) => x.value.k === x.key && typeof x.etag === 'string')).toBe(true);
        expect((await store.list(C, { prefix: 'b/' })).map((x) => x.key)).toEqual(['b/1', 'b/10', 'b/2']);
        expect(await store.list(C, { prefix: 'zzz' })).toEqual([]);
      });

      it('when a prefix contains wildcard characters of SQL or glob, they match literally', async () => {
        for (const k of ['50%_a', '50%_b', '50xxa', '5*0', '5a0']) await store.put(C, k, {});
        expect((await store.list(C, { prefix: '50%_' })).map((x) => x.key)).toEqual(['50%_a', '50%_b']);
        expect((await store.list(C, { prefix: '5*' })).map((x) => x.key)).toEqual(['5*0']);
      });

      it('when paging with limit and after, every key is returned exactly once in order', async () => {
        const keys = Array.from({ length: 23 }, (_, i) => `p/${String(i).padStart(3, '0')}`);
        for (const k of [...keys].reverse()) await store.put(C, k, { k });
        await store.put(C, 'q/000', {});
        const seen: string[] = [];
        let after: string | undefined;
        for (let page = 0; page < 10; page++) {
          const items = await store.list(C, { prefix: 'p/', limit: 5, after });
          if (items.length === 0) break;
          expect(items.length).toBeLessThanOrEqual(5);
          seen.push(...items.map((x) => x.key));
          after = items[items.length - 1]?.key;
        }
        expect(seen).toEqual(keys);
      });
    });

    describe('audit', () => {
      const rec = (action: string, at: string, subject?: string) => ({ at, action, actor: 'system', subject, details: { n: 1 } });

      it('when records are appended, seq increases and query returns them oldest first with every field', async () => {
        const a = await store.append({ at: '2026-01-01T10:00:00.000Z', action: 'tap.requested', actor: 'u1', subject: 'u2', details: { reason: 'lost phone', n: 3 }, correlationId: 'c1' });
        const b = await store.append(rec('tap.approved', '2026-01-01T10:05:00.000Z', 'u2'));
        expect(typeof a.seq).toBe('number');
        expect(b.seq).toBeGreaterThan(a.seq ?? Infinity);
        const all = await store.query();
        expect(all).toEqual([a, b]);
        expect(all[0]).toEqual({ seq: a.seq, at: '2026-01-01T10:00:00.000Z', action: 'tap.requested', actor: 'u1', subject: 'u2', details: { reason: 'lost phone', n: 3 }, correlationId: 'c1' });
      });

      it('when querying, action, subject, since (inclusive, by instant) and limit filter the records', async () => {
        await store.append(rec('diagnosis', '2026-01-01T09:00:00.000Z', 'u1'));
        await store.append(rec('tap.issued', '2026-01-01T10:00:00.000Z', 'u1'));
        await store.append(rec('tap.issued', '2026-01-01T11:00:00.000Z', 'u2'));
        await store.append(rec('tap.redacted', '2026-01-01T12:00:00.000Z', 'u2'));
        expect((await store.query({ action: 'tap.issued' })).map((r) => r.subject)).toEqual(['u1', 'u2']);
        expect((await store.query({ subject: 'u2' })).map((r) => r.action)).toEqual(['tap.issued', 'tap.redacted']);
        expect((await store.query({ since: '2026-01-01T10:00:00Z' })).map((r) => r.at)).toEqual([
          '2026-01-01T10:00:00.000Z', '2026-01-01T11:00:00.000Z', '2026-01-01T12:00:00.000Z',
        ]);
        // 12:30+01:00 is 11:30Z: only the 12:00Z record is at or after it.
        expect((await store.query({ since: '2026-01-01T12:30:00+01:00' })).map((r) => r.action)).toEqual(['tap.redacted']);
        expect((await store.query({ action: 'tap.issued', subject: 'u2', since: '2026-01-01T10:30:00Z' })).length).toBe(1);
        expect((await store.query({ limit: 2 })).map((r) => r.action)).toEqual(['diagnosis', 'tap.issued']);
      });

      it('when paging with limit and afterSeq, an export reads every record exactly once in seq order', async () => {
        for (let i = 0; i < 7; i++) await store.append(rec(`a${i}`, `2026-01-01T10:0${i}:00.000Z`));
        const seen: string[] = [];
        let after = 0;
        for (let page = 0; page < 10; page++) {
          const got = await store.query({ limit: 3, afterSeq: after });
          if (got.length === 0) break;
          seen.push(...got.map((r) => r.action));
          after = got[got.length - 1]?.seq ?? Infinity;
        }
        expect(seen).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6']);
      });

      it('when two connections append, every record gets a distinct, increasing seq', async () => {
        const other = await another();
        const out = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? other : store).append(rec('x', '2026-01-01T00:00:00Z'))));
        const seqs = out.map((r) => r.seq ?? -1);
        expect(new Set(seqs).size).toBe(20);
        const queried = (await store.query()).map((r) => r.seq ?? -1);
        expect(queried).toEqual([...queried].sort((x, y) => x - y));
        expect(queried).toHaveLength(20);
      });

      it('when the store is reopened, the audit trail is still there and seq keeps increasing', async () => {
        const first = await store.append(rec('diagnosis', '2026-01-01T00:00:00Z'));
        await store.close();
        store = await fixture.open();
        const second = await store.append(rec('diagnosis', '2026-01-01T00:01:00Z'));
        expect((await store.query()).map((r) => r.seq)).toEqual([first.seq, second.seq]);
        expect(second.seq).toBeGreaterThan(first.seq ?? Infinity);
      });

      it('when someone tries to update or delete an audit record behind the API, it is refused and the record is unchanged', async () => {
        if (!fixture.tamperAudit) return; // the implementation offers no raw access to try
        const r = await store.append(rec('tap.issued', '2026-01-01T00:00:00Z', 'u1'));
        await expect(fixture.tamperAudit(r.seq ?? -1, 'update')).rejects.toThrow(/append-only/);
        await expect(fixture.tamperAudit(r.seq ?? -1, 'delete')).rejects.toThrow(/append-only/);
        expect(await store.query()).toEqual([r]);
      });

      it('when records are appended by two connections, the trail is one hash chain with dense seq that verifies', async () => {
        const other = await another();
        await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? other : store).append(rec(`c${i}`, '2026-01-01T00:00:00Z'))));
        const report = await verifyChain(walkChain(store, 5));
        expect(report).toMatchObject({ ok: true, count: 12, firstSeq: 1, lastSeq: 12, problems: [] });
        expect(report.headHash).toMatch(/^[0-9a-f]{64}$/);
      });

      it('when a record is edited or removed behind every protection, verification names the record', async () => {
        if (!fixture.forgeAudit) return;
        for (let i = 0; i < 5; i++) await store.append(rec(`f${i}`, '2026-01-01T00:00:00Z', 'u1'));
        const before = await verifyChain(walkChain(store));
        expect(before.ok).toBe(true);
        await fixture.forgeAudit(2, 'edit');
        const edited = await verifyChain(walkChain(store));
        expect(edited.ok).toBe(false);
        expect(edited.problems).toContainEqual({ kind: 'hash', seq: 2 });
        await fixture.forgeAudit(4, 'remove');
        const removed = await verifyChain(walkChain(store));
        expect(removed.problems).toContainEqual({ kind: 'gap', afterSeq: 3, nextSeq: 5 });
        expect(removed.problems.some((p) => p.kind === 'link' && p.seq === 5)).toBe(true);
        // Truncating the newest record is invisible to the chain alone; an anchor noted earlier catches it.
        const anchored = await verifyChain(walkChain(store), [{ seq: 5, hash: before.headHash ?? '' }]);
        expect(anchored.problems.filter((p) => p.kind === 'anchor')).toEqual([]);
        await fixture.forgeAudit(5, 'remove');
        const truncated = await verifyChain(walkChain(store), [{ seq: 5, hash: before.headHash ?? '' }]);
        expect(truncated.problems).toContainEqual({ kind: 'anchor', seq: 5, expected: before.headHash });
      });

      it('when a record is invalid (no action, bad date), append rejects and nothing is written', async () => {
        await expect(store.append({ at: '2026-01-01T00:00:00Z', action: '', actor: 'system' })).rejects.toThrow();
        await expect(store.append({ at: 'yesterday', action: 'x', actor: 'system' })).rejects.toThrow();
        expect(await store.query()).toEqual([]);
      });
    });
  });
}
