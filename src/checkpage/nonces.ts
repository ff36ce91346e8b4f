/** Single-use bookkeeping for link nonces in the 'check-tokens' collection. */
import { createHash } from 'node:crypto';
import { ConflictError, type DocumentStore } from '../storage/types';

export const CHECK_TOKENS = 'check-tokens';

export interface NonceRecord {
  state: 'issued' | 'used';
  /** Expiry, seconds since the epoch (lets a sweeper delete old records). */
  exp: number;
  issuedAt: string;
  usedAt?: string;
}

export async function recordIssued(store: DocumentStore, nonce: string, exp: number, now: Date): Promise<void> {
  const rec: NonceRecord = { state: 'issued', exp, issuedAt: now.toISOString() };
  await store.put(CHECK_TOKENS, nonce, rec, { ifNoneMatch: '*' });
}

export async function lookup(store: DocumentStore, nonce: string): Promise<{ record: NonceRecord; etag: string } | undefined> {
  const item = await store.get<NonceRecord>(CHECK_TOKENS, nonce);
  return item ? { record: item.value, etag: item.etag } : undefined;
}

/** Marks the nonce used iff it is unchanged since read. Returns false when another request won. */
export async function markUsed(store: DocumentStore, nonce: string, seen: { record: NonceRecord; etag: string }, now: Date): Promise<boolean> {
  try {
    await store.put<NonceRecord>(CHECK_TOKENS, nonce, { ...seen.record, state: 'used', usedAt: now.toISOString() }, { ifMatch: seen.etag });
    return true;
  } catch (e) {
    if (e instanceof ConflictError) return false;
    throw e;
  }
}

/** A log-safe id for one link: never the token or nonce themselves. */
export function checkIdOf(nonce: string): string {
  return createHash('sha256').update(nonce).digest('hex').slice(0, 12);
}

/**
 * Deletes check-token records whose link expired before `now` (used or not: an expired link is
 * refused by its signature's `exp` anyway). Safe beside live traffic: deletes use ifMatch, so a
 * record changed meanwhile is left for the next sweep. Returns how many were deleted.
 */
export async function purgeExpiredCheckTokens(store: DocumentStore, now: Date, pageSize = 500): Promise<number> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  let deleted = 0;
  let after: string | undefined;
  for (;;) {
    const page = await store.list<NonceRecord>(CHECK_TOKENS, { after, limit: pageSize });
    for (const item of page) {
      if (typeof item.value.exp === 'number' && item.value.exp <= nowSeconds) {
        try {
          if (await store.delete(CHECK_TOKENS, item.key, { ifMatch: item.etag })) deleted += 1;
        } catch (e) {
          if (!(e instanceof ConflictError)) throw e;
        }
      }
    }
    if (page.length < pageSize) return deleted;
    after = page[page.length - 1]?.key;
  }
}
