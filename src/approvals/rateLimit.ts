/**
 * Sliding-window rate limits (per approver, per tenant) kept in the DocumentStore, so they survive
 * restarts and are shared by every instance on the same store. A reservation is one conditional
 * write (ETag) per scope, retried on conflict, and idempotent per request id: resuming a crashed
 * issuance does not count twice.
 */
import { z } from 'zod';
import type { Clock } from '../shared/clock';
import { AppError } from '../shared/errors';
import { ConflictError, type DocumentStore } from '../storage/types';

export const RATE_COLLECTION = 'tap-rate';
const MAX_ATTEMPTS = 200;

export interface RateScope {
  /** e.g. `approver:<tenant>:<objectId>`, `tenant:<tenantId>`. */
  key: string;
  limit: number;
}

export type RateDecision = { ok: true } | { ok: false; scope: string; limit: number; retryAfterSeconds: number };

const WindowSchema = z.object({ events: z.array(z.object({ requestId: z.string(), at: z.string() })) });
type Window = z.infer<typeof WindowSchema>;

export interface RateLimiter {
  /** Read-only: would one more event fit in every scope? */
  check(scopes: RateScope[]): Promise<RateDecision>;
  /** Counts `requestId` in every scope, or in none when one is full. */
  reserve(scopes: RateScope[], requestId: string): Promise<RateDecision>;
  release(scopes: RateScope[], requestId: string): Promise<void>;
}

export function createRateLimiter(deps: { store: DocumentStore; clock: Clock; windowMinutes: number }): RateLimiter {
  const windowMs = deps.windowMinutes * 60_000;

  function live(w: Window | undefined, now: number): Window['events'] {
    return (w?.events ?? []).filter((e) => Date.parse(e.at) > now - windowMs);
  }

  function full(scope: RateScope, events: Window['events'], now: number): RateDecision {
    const oldest = events.reduce((m, e) => Math.min(m, Date.parse(e.at)), now);
    return { ok: false, scope: scope.key, limit: scope.limit, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)) };
  }

  async function read(key: string): Promise<{ w: Window | undefined; etag: string | undefined }> {
    const item = await deps.store.get<unknown>(RATE_COLLECTION, key);
    if (!item) return { w: undefined, etag: undefined };
    const parsed = WindowSchema.safeParse(item.value);
    return { w: parsed.success ? parsed.data : { events: [] }, etag: item.etag };
  }

  /** Read-modify-write with the ETag until it sticks. `change` returns undefined for "no write". */
  async function update(key: string, change: (events: Window['events'], now: number) => Window['events'] | RateDecision | undefined): Promise<RateDecision> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const now = deps.clock.now().getTime();
      const { w, etag } = await read(key);
      const next = change(live(w, now), now);
      if (next === undefined) return { ok: true };
      if (!Array.isArray(next)) return next;
      try {
        const value: Window = { events: next };
        await deps.store.put(RATE_COLLECTION, key, value, etag === undefined ? { ifNoneMatch: '*' } : { ifMatch: etag });
        return { ok: true };
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e;
      }
    }
    throw new AppError('unavailable', `rate limit ${key} is too contended`);
  }

  async function releaseOne(scope: RateScope, requestId: string): Promise<void> {
    await update(scope.key, (events) => (events.some((e) => e.requestId === requestId) ? events.filter((e) => e.requestId !== requestId) : undefined));
  }

  return {
    async check(scopes) {
      const now = deps.clock.now().getTime();
      for (const scope of scopes) {
        const events = live((await read(scope.key)).w, now);
        if (events.length >= scope.limit) return full(scope, events, now);
      }
      return { ok: true };
    },
    async reserve(scopes, requestId) {
      const done: RateScope[] = [];
      for (const scope of scopes) {
        const d = await update(scope.key, (events, now) => {
          if (events.some((e) => e.requestId === requestId)) return undefined;
          if (events.length >= scope.limit) return full(scope, events, now);
          return [...events, { requestId, at: new Date(now).toISOString() }];
        });
        if (!d.ok) {
          for (const s of done) await releaseOne(s, requestId);
          return d;
        }
        done.push(scope);
      }
      return { ok: true };
    },
    async release(scopes, requestId) {
      for (const scope of scopes) await releaseOne(scope, requestId);
    },
  };
}
