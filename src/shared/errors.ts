/**
 * One error family. `expected` failures (bad input, unknown user, a refused approval) become a
 * helpful message; unexpected ones are logged with correlation ids and the user gets a short
 * apology with a reference id. Never show stack traces to users.
 */
export type ErrorKind =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'refused'
  | 'rate_limited'
  | 'unavailable'
  | 'config'
  | 'internal';

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly expected: boolean;
  readonly details: Record<string, unknown>;

  constructor(kind: ErrorKind, message: string, opts: { expected?: boolean; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'AppError';
    this.kind = kind;
    this.expected = opts.expected ?? kind !== 'internal';
    this.details = opts.details ?? {};
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** A short message safe to log (no stack, no payloads). */
export function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}
