/**
 * After a failed Bot Connector send: did the message certainly not reach the chat? The connector
 * has no idempotency key, so only a failure that proves nothing was posted may be retried blindly:
 * a 4xx refusal (but 408), 429 or 503 (refused on arrival), or a connection that never opened.
 * Anything else (timeout, 500/502/504, a reset after the request left, no id in the answer) is
 * ambiguous: the message may be in the chat.
 */
import { toSendError } from './campaigns/sendErrors';

const NEVER_LEFT = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET before/;

export function surelyNotSent(error: unknown): boolean {
  const e = toSendError(error);
  if (e.status === 408) return false;
  if (e.status >= 400 && e.status < 500) return true;
  if (e.status === 503) return true;
  const cause = error instanceof Error && error.cause instanceof Error ? ` ${error.cause.message}` : '';
  return e.status === 0 && NEVER_LEFT.test(`${e.code} ${e.message}${cause}`);
}
