/**
 * Resilience for Graph calls: retry 429/503/504 (a whole $batch, or only the inner requests that
 * failed) honouring Retry-After, otherwise jittered exponential backoff; at most `maxRetries`
 * retries; sleeping through an injected function so tests never wait on wall-clock time.
 * Every HTTP request is counted as a round trip and every Graph request inside it as a request.
 */
import type { Clock } from '../../shared/clock';
import { GraphUnavailableError, GraphRequestError } from './errors';
import { TransportError, type GraphCall, type GraphReply, type GraphTransport, MAX_BATCH } from './transport';

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 503, 504]);

export interface RetryOptions {
  maxRetries: number;
  sleep: (ms: number) => Promise<void>;
  /** In [0, 1): jitter source (injected for deterministic tests). */
  random: () => number;
  clock: Clock;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export interface GraphMeter {
  requests: number;
  roundTrips: number;
  retries: number;
}

export const newMeter = (): GraphMeter => ({ requests: 0, roundTrips: 0, retries: 0 });

/**
 * A 429 without Retry-After comes from a budget Microsoft does not time for us (reports: 5 per
 * 10 s per app; Conditional Access + Identity Protection: 1 per s per tenant, entra-graph.md §10.3):
 * the backoff starts at a second, so the first retry already lands in the next CA window and four
 * retries span a whole reports window.
 */
export const THROTTLED_BASE_DELAY_MS = 1_000;

/** Milliseconds to wait before retry number `attempt` (0-based). Retry-After wins when present. */
export function retryDelayMs(
  attempt: number,
  retryAfter: string | undefined,
  opts: Pick<RetryOptions, 'random' | 'clock' | 'baseDelayMs' | 'maxDelayMs'> & { throttled?: boolean },
): number {
  const max = opts.maxDelayMs ?? 30_000;
  if (retryAfter !== undefined && retryAfter.trim() !== '') {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, max);
    const at = Date.parse(retryAfter);
    if (Number.isFinite(at)) return Math.min(Math.max(0, at - opts.clock.now().getTime()), max);
  }
  const first = opts.throttled === true ? Math.max(opts.baseDelayMs ?? 500, THROTTLED_BASE_DELAY_MS) : (opts.baseDelayMs ?? 500);
  const base = first * 2 ** attempt;
  if (opts.throttled === true) return Math.min(max, base + Math.round(opts.random() * base));
  // "Equal jitter": half fixed, half random, so concurrent callers spread out.
  return Math.min(max, Math.round(base / 2 + opts.random() * (base / 2)));
}

function unavailable(e: TransportError): GraphUnavailableError {
  return new GraphUnavailableError(e.message, { cause: e });
}

/** Sends calls through a transport with retries and metering. */
export class GraphExecutor {
  constructor(
    private readonly transport: GraphTransport,
    private readonly opts: RetryOptions,
  ) {}

  /** One Graph request on its own (no $batch), retried. */
  async send(call: GraphCall, meter: GraphMeter): Promise<GraphReply> {
    let networkRetries = 0;
    for (let attempt = 0; ; attempt++) {
      meter.roundTrips++;
      meter.requests++;
      let reply: GraphReply;
      try {
        reply = await this.transport.send(call);
      } catch (e) {
        if (!(e instanceof TransportError)) throw e;
        if (!this.mayRetryTransport(e, attempt, networkRetries++)) throw this.finalTransport(e);
        await this.backoff(attempt, undefined, meter);
        continue;
      }
      if (RETRYABLE_STATUSES.has(reply.status) && attempt < this.opts.maxRetries) {
        await this.backoff(attempt, reply.headers['retry-after'], meter, reply.status === 429);
        continue;
      }
      return reply;
    }
  }

  /** Calls in `$batch` requests (≤ 20 each); failed inner requests with a retryable status are retried. */
  async batch(calls: GraphCall[], meter: GraphMeter): Promise<Map<string, GraphReply>> {
    const results = new Map<string, GraphReply>();
    let pending = calls;
    let networkRetries = 0;
    for (let attempt = 0; pending.length > 0; attempt++) {
      const chunks: GraphCall[][] = [];
      for (let i = 0; i < pending.length; i += MAX_BATCH) chunks.push(pending.slice(i, i + MAX_BATCH));
      meter.roundTrips += chunks.length;
      meter.requests += pending.length;
      let outcomes;
      try {
        outcomes = await Promise.all(chunks.map((c) => this.transport.batch(c)));
      } catch (e) {
        if (!(e instanceof TransportError)) throw e;
        if (!this.mayRetryTransport(e, attempt, networkRetries++)) throw this.finalTransport(e);
        await this.backoff(attempt, undefined, meter);
        continue;
      }
      const retry: GraphCall[] = [];
      let retryAfter: string | undefined;
      let throttled = false;
      outcomes.forEach((outcome, i) => {
        const chunk = chunks[i] ?? [];
        if (outcome.kind === 'failed') {
          if (!RETRYABLE_STATUSES.has(outcome.reply.status) && outcome.reply.status < 500) {
            throw new GraphRequestError(`Graph refused the $batch request (${outcome.reply.status})`, outcome.reply.status, 'batch_refused');
          }
          for (const c of chunk) results.set(c.id, outcome.reply);
          retry.push(...chunk);
          if (outcome.reply.status === 429) throttled = true;
          retryAfter = maxRetryAfter(retryAfter, outcome.reply.headers['retry-after']);
          return;
        }
        for (const c of chunk) {
          const r = outcome.replies.get(c.id) ?? { status: 502, headers: {}, body: { error: { code: 'missingBatchResponse', message: 'no response for this id' } } };
          results.set(c.id, r);
          if (RETRYABLE_STATUSES.has(r.status)) {
            retry.push(c);
            if (r.status === 429) throttled = true;
            retryAfter = maxRetryAfter(retryAfter, r.headers['retry-after']);
          }
        }
      });
      if (retry.length === 0 || attempt >= this.opts.maxRetries) break;
      await this.backoff(attempt, retryAfter, meter, throttled);
      pending = retry;
    }
    return results;
  }

  private mayRetryTransport(e: TransportError, attempt: number, networkRetries: number): boolean {
    if (e.reason === 'credential') return false;
    if (attempt >= this.opts.maxRetries) return false;
    // A refused connection rarely heals in seconds: retry it once, timeouts up to maxRetries.
    return e.reason === 'timeout' || networkRetries < 1;
  }

  private finalTransport(e: TransportError): Error {
    if (e.reason === 'credential') return new GraphRequestError(e.message, 401, 'credential_rejected');
    return unavailable(e);
  }

  private async backoff(attempt: number, retryAfter: string | undefined, meter: GraphMeter, throttled = false): Promise<void> {
    meter.retries++;
    await this.opts.sleep(retryDelayMs(attempt, retryAfter, { ...this.opts, throttled }));
  }
}

function maxRetryAfter(a: string | undefined, b: string | undefined): string | undefined {
  if (b === undefined) return a;
  if (a === undefined) return b;
  const na = Number(a);
  const nb = Number(b);
  return Number.isFinite(na) && Number.isFinite(nb) ? String(Math.max(na, nb)) : b;
}
