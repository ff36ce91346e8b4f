import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPassVault } from '../../../src/approvals/vault';
import { BOB, Harness, VERIFIED, newRequest, value } from './support/harness';

/** Every byte SQLite wrote for this store (main file, WAL, shared memory). */
function rawFiles(dir: string): Buffer {
  return Buffer.concat(readdirSync(dir).map((f) => readFileSync(join(dir, f))));
}

describe('PassVault (AES-256-GCM in the SQLite store)', () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });
  afterEach(() => h.close());

  it('when a pass is stored, neither the stored document nor any byte of the database files contains it, and it reads back', async () => {
    const { store, vault } = h.instance();
    const pass = 'Zq+7!pAbc#Secret42';

    await vault.put('req-1', pass, '2025-06-02T10:00:00.000Z');

    const doc = await store.get<Record<string, unknown>>('tap-vault', 'req-1');
    expect(JSON.stringify(doc)).not.toContain(pass);
    expect(rawFiles(h.dir).includes(Buffer.from(pass))).toBe(false);
    expect(await vault.get('req-1')).toBe(pass);
  });

  it('when read with a different key, the vault refuses instead of returning anything', async () => {
    const { store, vault } = h.instance();
    await vault.put('req-1', 'Zq+7!pAbc#Secret42', '2025-06-02T10:00:00.000Z');
    const other = createPassVault({ store, key: randomBytes(32), clock: h.clock });
    await expect(other.get('req-1')).rejects.toThrow(/different key/);
  });

  it('when a ciphertext is tampered with or copied onto another request, decryption fails', async () => {
    const { store, vault } = h.instance();
    await vault.put('req-1', 'Zq+7!pAbc#Secret42', '2025-06-02T10:00:00.000Z');
    const doc = await store.get<Record<string, string>>('tap-vault', 'req-1');
    if (!doc) throw new Error('missing');
    await store.put('tap-vault', 'req-2', doc.value);
    await expect(vault.get('req-2')).rejects.toThrow(/could not be decrypted/);
    const ct = Buffer.from(doc.value.ct ?? '', 'base64');
    ct[0] = (ct[0] ?? 0) ^ 1;
    await store.put('tap-vault', 'req-1', { ...doc.value, ct: ct.toString('base64') });
    await expect(vault.get('req-1')).rejects.toThrow(/could not be decrypted/);
  });

  it('when the key is not 32 bytes, the vault is not created', () => {
    const { store } = h.instance();
    expect(() => createPassVault({ store, key: randomBytes(16), clock: h.clock })).toThrow(/32 bytes/);
  });

  it('when a pass is past its expiry, get returns nothing and purgeExpired deletes it', async () => {
    const { store, vault } = h.instance();
    await vault.put('req-1', 'Zq+7!pAbc#Secret42', '2025-06-02T09:10:00.000Z');
    await vault.put('req-2', 'Other+Pass!99', '2025-06-02T11:00:00.000Z');
    h.clock.advance(10 * 60_000);
    expect(await vault.get('req-1')).toBeUndefined();
    expect(await vault.purgeExpired()).toBe(1);
    expect(await store.get('tap-vault', 'req-1')).toBeUndefined();
    expect(await vault.get('req-2')).toBe('Other+Pass!99');
  });

  it('when a pass is delivered, its vault entry is deleted', async () => {
    const { service, store } = h.instance();
    const req = value(await service.request(newRequest()));
    value(await service.approve(req.id, BOB, VERIFIED));
    expect(await store.get('tap-vault', req.id)).toBeDefined();
    value(await service.deliver(req.id, async () => ({ activityId: 'a-1' })));
    expect(await store.get('tap-vault', req.id)).toBeUndefined();
  });
});
