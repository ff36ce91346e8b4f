/**
 * The authority's signing keys (JWKS) for jose: fetched with the injected fetch, cached for an
 * hour, refreshed at most once a minute when a token names an unknown `kid` (key rollover).
 */
import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { Clock } from '../../shared/clock';
import { AppError } from '../../shared/errors';

const JwksSchema = z.object({ keys: z.array(z.object({ kty: z.string() }).passthrough()) });

export interface KeySourceOptions {
  url: string;
  clock: Clock;
  fetch?: typeof fetch;
  /** How long keys are kept (default 1 h). */
  ttlMs?: number;
  /** Minimum time between refreshes caused by an unknown kid (default 60 s). */
  refreshIntervalMs?: number;
  timeoutMs?: number;
}

/** A jose key resolver over a JWKS URL. A failed fetch throws AppError `unavailable`. */
export function createKeySource(opts: KeySourceOptions): JWTVerifyGetKey {
  let set: ReturnType<typeof createLocalJWKSet> | undefined;
  let fetchedAt = -Infinity;
  let inflight: Promise<void> | undefined;

  async function load(): Promise<void> {
    const doFetch = opts.fetch ?? fetch;
    let body: unknown;
    try {
      const res = await doFetch(opts.url, { signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000) });
      if (!res.ok) throw new Error(`JWKS endpoint answered ${res.status}`);
      body = await res.json();
    } catch (e) {
      throw new AppError('unavailable', 'the token signing keys could not be fetched', { cause: e });
    }
    const parsed = JwksSchema.safeParse(body);
    if (!parsed.success) throw new AppError('unavailable', 'the token signing keys are not a JWKS');
    // Only signing keys: a JWKS may also publish encryption keys.
    const keys = parsed.data.keys.filter((k) => k.use === undefined || k.use === 'sig');
    set = createLocalJWKSet({ keys } as JSONWebKeySet);
    fetchedAt = opts.clock.now().getTime();
  }
  const refresh = () => (inflight ??= load().finally(() => (inflight = undefined)));

  return async (header, token) => {
    const now = opts.clock.now().getTime();
    if (!set || now - fetchedAt > (opts.ttlMs ?? 3600_000)) await refresh();
    try {
      return await (set as NonNullable<typeof set>)(header, token);
    } catch (e) {
      if (!(e instanceof errors.JWKSNoMatchingKey) || now - fetchedAt < (opts.refreshIntervalMs ?? 60_000)) throw e;
      await refresh();
      return (set as NonNullable<typeof set>)(header, token);
    }
  };
}
