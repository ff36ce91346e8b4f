/**
 * Tenant-wide policies (methods policy, device quota, Conditional Access, named locations) change
 * rarely and CA reads are limited to ~1 request/s per tenant, so they are cached for
 * GRAPH_POLICY_CACHE_SECONDS with single flight: while one diagnosis fetches them (inside its own
 * first $batch), concurrent diagnoses wait for that result instead of fetching again.
 */
import type { Clock } from '../../shared/clock';

export type CacheLookup<T> =
  | { kind: 'hit'; value: T }
  /** Someone else is fetching: wait; `undefined` means their fetch failed (fetch yourself). */
  | { kind: 'pending'; promise: Promise<T | undefined> }
  /** You fetch: call `fill` exactly once, with the value or `undefined` when it must not be cached. */
  | { kind: 'miss'; fill: (value: T | undefined) => void };

export class SingleFlightCache<T> {
  private value: { value: T; expiresAt: number } | undefined;
  private flight: Promise<T | undefined> | undefined;

  constructor(
    private readonly ttlMs: number,
    private readonly clock: Clock,
  ) {}

  lookup(): CacheLookup<T> {
    const now = this.clock.now().getTime();
    if (this.value && this.value.expiresAt > now) return { kind: 'hit', value: this.value.value };
    if (this.flight) return { kind: 'pending', promise: this.flight };
    let resolve: (v: T | undefined) => void = () => undefined;
    const flight = new Promise<T | undefined>((r) => (resolve = r));
    this.flight = flight;
    let filled = false;
    return {
      kind: 'miss',
      fill: (value) => {
        if (filled) return;
        filled = true;
        if (value !== undefined) this.value = { value, expiresAt: this.clock.now().getTime() + this.ttlMs };
        if (this.flight === flight) this.flight = undefined;
        resolve(value);
      },
    };
  }

  clear(): void {
    this.value = undefined;
  }
}
