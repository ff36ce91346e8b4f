/** The authority's signing keys (JWKS), cached; refreshed on an unknown `kid` at most once a minute. */
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../../shared/clock';
import { jwkToKey } from './jwt';

const JwksSchema = z.object({
  keys: z.array(z.object({ kty: z.string(), kid: z.string().optional(), use: z.string().optional(), n: z.string().optional(), e: z.string().optional() }).passthrough()),
});

export interface JwksCacheOptions {
  url: string;
  clock: Clock;
  fetch?: typeof fetch;
  /** How long keys are kept (default 1 h). */
  ttlMs?: number;
  /** Minimum time between refreshes caused by an unknown kid (default 60 s). */
  refreshIntervalMs?: number;
  timeoutMs?: number;
}

export class JwksCache {
  private keys = new Map<string, KeyObject>();
  private fetchedAt = -Infinity;
  private inflight: Promise<void> | undefined;

  constructor(private readonly opts: JwksCacheOptions) {}

  /** The key for `kid`, or undefined when the authority does not publish it. */
  async key(kid: string | undefined): Promise<KeyObject | undefined> {
    const now = this.opts.clock.now().getTime();
    const stale = now - this.fetchedAt > (this.opts.ttlMs ?? 3600_000);
    const unknown = !this.find(kid) && now - this.fetchedAt > (this.opts.refreshIntervalMs ?? 60_000);
    if (stale || unknown) await this.refresh();
    return this.find(kid);
  }

  private find(kid: string | undefined): KeyObject | undefined {
    if (kid !== undefined) return this.keys.get(kid);
    return this.keys.size === 1 ? [...this.keys.values()][0] : undefined;
  }

  private refresh(): Promise<void> {
    if (!this.inflight) {
      this.inflight = this.load().finally(() => (this.inflight = undefined));
    }
    return this.inflight;
  }

  private async load(): Promise<void> {
    const doFetch = this.opts.fetch ?? fetch;
    const res = await doFetch(this.opts.url, { signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000) });
    if (!res.ok) throw new Error(`JWKS endpoint answered ${res.status}`);
    const parsed = JwksSchema.parse(await res.json());
    const keys = new Map<string, KeyObject>();
    parsed.keys.forEach((k, i) => {
      if (k.kty !== 'RSA' || (k.use !== undefined && k.use !== 'sig')) return;
      try {
        keys.set(k.kid ?? `#${i}`, jwkToKey(k as Parameters<typeof jwkToKey>[0]));
      } catch {
        // skip keys node cannot import
      }
    });
    this.keys = keys;
    this.fetchedAt = this.opts.clock.now().getTime();
  }
}
