/** Pure bucket arithmetic over a JSON-serialisable state (so it can live in a shared store record). */
import type { BucketSpec } from './workloads';

export interface BucketState {
  /** window: grant instants (ms), one per unit, oldest first. */
  grants?: number[];
  /** tokens: units left at `at`. */
  tokens?: number;
  at?: number;
}

export type TakeResult = { ok: true; state: BucketState } | { ok: false; waitMs: number };

export function tryTake(spec: BucketSpec, state: BucketState, cost: number, now: number): TakeResult {
  if (spec.kind === 'window') {
    const span = spec.windowMs + spec.marginMs;
    const live = (state.grants ?? []).filter((t) => t > now - span && t <= now + span);
    if (cost > spec.limit) return { ok: false, waitMs: Number.POSITIVE_INFINITY };
    if (live.length + cost <= spec.limit) return { ok: true, state: { grants: [...live, ...Array.from({ length: cost }, () => now)] } };
    // The (live.length + cost - limit)-th oldest grant must leave the window first.
    const release = live[live.length + cost - spec.limit - 1] ?? now;
    return { ok: false, waitMs: Math.max(1, release + span - now) };
  }
  const rate = spec.capacity / spec.windowMs;
  const last = state.at ?? now;
  const tokens = Math.min(spec.capacity, (state.tokens ?? spec.capacity) + Math.max(0, now - last) * rate);
  if (cost > spec.capacity) return { ok: false, waitMs: Number.POSITIVE_INFINITY };
  if (tokens >= cost) return { ok: true, state: { tokens: tokens - cost, at: now } };
  return { ok: false, waitMs: Math.max(1, Math.ceil((cost - tokens) / rate)) };
}
