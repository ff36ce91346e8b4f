/**
 * Which sender failures are retried (429, 412, 502, 503, 504, no answer) and which are final
 * (403 with its reason, other 4xx), and the jittered exponential backoff between attempts.
 */
import type { FailureReason } from './model';
import type { Lane } from './pacer';
import { SendError, type Random, type Sleep } from './ports';

export type Operation = 'install' | 'create' | 'send' | 'lookup';

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([0, 412, 429, 502, 503, 504]);

/** A failure that ends this recipient's campaign (recorded with its reason, never retried). */
export class FinalFailure extends Error {
  constructor(
    readonly reason: FailureReason,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(`${reason}${status === undefined ? '' : ` (${status}${code ? ` ${code}` : ''})`}`);
    this.name = 'FinalFailure';
  }
}

export function finalReason(op: Operation, status: number, code: string): FailureReason {
  if (status === 403) {
    if (op === 'install') return 'app_not_allowed';
    if (code === 'ConversationBlockedByUser') return 'blocked_bot';
    if (code === 'BotDisabledByAdmin') return 'bot_disabled_by_admin';
    if (code === 'BotNotInConversationRoster') return 'not_in_roster';
    return 'app_not_allowed';
  }
  return 'rejected';
}

/** Equal jitter: half the exponential step for sure, the other half at random. */
export function backoffMs(attempt: number, random: Random, baseMs: number, maxMs: number): number {
  const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return step / 2 + random() * (step / 2);
}

export interface RetryPolicy {
  maxRetries: number;
  baseMs: number;
  maxMs: number;
  sleep: Sleep;
  random: Random;
}

/**
 * Runs `call` in a slot of `lane`, retrying transient failures. A 429 throttles the whole lane
 * (every worker waits), other transient failures back off this worker only.
 */
export async function withRetries<T>(
  op: Operation,
  lane: Lane,
  policy: RetryPolicy,
  call: () => Promise<T>,
  /** Extra wait before every attempt (the per-conversation windows). */
  gate?: () => Promise<void>,
): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    if (gate) await gate();
    await lane.acquire();
    try {
      return await call();
    } catch (e) {
      if (!(e instanceof SendError)) throw e;
      if (!RETRYABLE_STATUSES.has(e.status)) throw new FinalFailure(finalReason(op, e.status, e.code), e.status, e.code);
      if (attempt >= policy.maxRetries) throw new FinalFailure('retries_exhausted', e.status, e.code);
      const wait = e.retryAfterMs ?? backoffMs(attempt, policy.random, policy.baseMs, policy.maxMs);
      if (e.status === 429) lane.throttle(wait);
      else await policy.sleep(wait);
    }
  }
}
