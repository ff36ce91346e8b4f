/**
 * One open request per employee: a marker document `<tenant>/<user>` created with If-None-Match,
 * so two simultaneous "I need a pass" messages (or two instances) file one request. Released when
 * the request is delivered or reaches an end state.
 */
import { z } from 'zod';
import { ConflictError, type DocumentStore } from '../storage/types';

export const OPEN_COLLECTION = 'tap-open';

const MarkerSchema = z.object({ requestId: z.string() });

function keyOf(tenantId: string, userId: string): string {
  return `${tenantId}/${userId}`;
}

export interface OpenIndex {
  /** Claims the slot for `requestId`; returns the id that holds it when another request does. */
  claim(tenantId: string, userId: string, requestId: string): Promise<{ ok: true } | { ok: false; holder: string; etag: string }>;
  /** Removes the marker if (and only if) it still points at `requestId`. */
  release(tenantId: string, userId: string, requestId: string): Promise<void>;
  /** Removes a marker left by a request that is no longer open (conditional on what was read). */
  evict(tenantId: string, userId: string, etag: string): Promise<boolean>;
}

export function createOpenIndex(store: DocumentStore): OpenIndex {
  return {
    async claim(tenantId, userId, requestId) {
      const key = keyOf(tenantId, userId);
      try {
        await store.put(OPEN_COLLECTION, key, { requestId }, { ifNoneMatch: '*' });
        return { ok: true };
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e;
      }
      const item = await store.get<unknown>(OPEN_COLLECTION, key);
      const parsed = MarkerSchema.safeParse(item?.value);
      // Released in between: report a holder that does not exist, the caller evicts and retries.
      return { ok: false, holder: parsed.success ? parsed.data.requestId : '', etag: item?.etag ?? '' };
    },
    async release(tenantId, userId, requestId) {
      const key = keyOf(tenantId, userId);
      const item = await store.get<unknown>(OPEN_COLLECTION, key);
      const parsed = MarkerSchema.safeParse(item?.value);
      if (!item || !parsed.success || parsed.data.requestId !== requestId) return;
      try {
        await store.delete(OPEN_COLLECTION, key, { ifMatch: item.etag });
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e;
      }
    },
    async evict(tenantId, userId, etag) {
      if (etag === '') return true;
      try {
        return await store.delete(OPEN_COLLECTION, keyOf(tenantId, userId), { ifMatch: etag });
      } catch (e) {
        if (e instanceof ConflictError) return false;
        throw e;
      }
    },
  };
}
