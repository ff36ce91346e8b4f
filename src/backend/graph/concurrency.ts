/**
 * At most `limit` Graph HTTP requests of one identity in flight; the rest queue (FIFO). Without
 * it, a burst of diagnoses opens hundreds of TLS connections at once, and under load the
 * connects time out ("Graph could not be reached") before Graph is even asked.
 */
import type { GraphTransport } from './transport';

export const DEFAULT_GRAPH_CONCURRENCY = 24;

export function limitConcurrency(inner: GraphTransport, limit = DEFAULT_GRAPH_CONCURRENCY): GraphTransport {
  let active = 0;
  const waiting: Array<() => void> = [];
  const acquire = async (): Promise<void> => {
    if (active < limit) {
      active++;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next) next(); // the slot passes on
    else active--;
  };
  const run = async <T>(op: () => Promise<T>): Promise<T> => {
    await acquire();
    try {
      return await op();
    } finally {
      release();
    }
  };
  return { send: (call) => run(() => inner.send(call)), batch: (calls) => run(() => inner.batch(calls)) };
}
