/**
 * The only place an issued pass is kept between issuance and delivery: AES-256-GCM encrypted in
 * the DocumentStore, keyed by request id. The request id is bound as additional authenticated
 * data, so a ciphertext copied onto another request does not decrypt. Entries are deleted on
 * delivery, redaction or expiry.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../shared/clock';
import { AppError } from '../shared/errors';
import type { DocumentStore } from '../storage/types';

export const VAULT_COLLECTION = 'tap-vault';

const EntrySchema = z.object({
  v: z.literal(1),
  keyId: z.string(),
  iv: z.string(),
  tag: z.string(),
  ct: z.string(),
  expiresAt: z.string(),
});
type Entry = z.infer<typeof EntrySchema>;

export interface PassVault {
  put(requestId: string, pass: string, expiresAt: string): Promise<void>;
  /** The pass, or undefined when absent or past its expiry. Throws when it cannot be decrypted. */
  get(requestId: string): Promise<string | undefined>;
  delete(requestId: string): Promise<boolean>;
  /** Deletes every entry past its expiry; returns how many. */
  purgeExpired(): Promise<number>;
}

/** A short, non-secret fingerprint of the key, so an entry written with another key is named as such. */
function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('tap-vault-key-id').update(key).digest('base64url').slice(0, 12);
}

function aad(requestId: string): Buffer {
  return Buffer.from(`tap-vault:v1:${requestId}`, 'utf8');
}

export function createPassVault(deps: { store: DocumentStore; key: Buffer; clock: Clock }): PassVault {
  if (deps.key.length !== 32) throw new AppError('config', 'the pass vault key must be 32 bytes (AES-256)', { expected: false });
  const key = Buffer.from(deps.key);
  const keyId = keyIdOf(key);

  function decrypt(requestId: string, e: Entry): string {
    if (e.keyId !== keyId) throw new AppError('internal', 'pass vault entry was written with a different key', { details: { requestId } });
    try {
      const d = createDecipheriv('aes-256-gcm', key, Buffer.from(e.iv, 'base64'));
      d.setAAD(aad(requestId));
      d.setAuthTag(Buffer.from(e.tag, 'base64'));
      return Buffer.concat([d.update(Buffer.from(e.ct, 'base64')), d.final()]).toString('utf8');
    } catch (cause) {
      throw new AppError('internal', 'pass vault entry could not be decrypted', { details: { requestId }, cause });
    }
  }

  return {
    async put(requestId, pass, expiresAt) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      c.setAAD(aad(requestId));
      const ct = Buffer.concat([c.update(pass, 'utf8'), c.final()]);
      const entry: Entry = { v: 1, keyId, iv: iv.toString('base64'), tag: c.getAuthTag().toString('base64'), ct: ct.toString('base64'), expiresAt };
      await deps.store.put(VAULT_COLLECTION, requestId, entry);
    },
    async get(requestId) {
      const item = await deps.store.get<unknown>(VAULT_COLLECTION, requestId);
      if (!item) return undefined;
      const e = EntrySchema.parse(item.value);
      if (Date.parse(e.expiresAt) <= deps.clock.now().getTime()) return undefined;
      return decrypt(requestId, e);
    },
    async delete(requestId) {
      return deps.store.delete(VAULT_COLLECTION, requestId);
    },
    async purgeExpired() {
      const now = deps.clock.now().getTime();
      let purged = 0;
      let after: string | undefined;
      for (;;) {
        const page = await deps.store.list<unknown>(VAULT_COLLECTION, { after, limit: 500 });
        for (const item of page) {
          const e = EntrySchema.safeParse(item.value);
          if (!e.success || Date.parse(e.data.expiresAt) <= now) {
            if (await deps.store.delete(VAULT_COLLECTION, item.key)) purged++;
          }
        }
        const last = page[page.length - 1];
        if (page.length < 500 || !last) return purged;
        after = last.key;
      }
    },
  };
}
