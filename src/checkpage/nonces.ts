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
