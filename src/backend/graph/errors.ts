/**
 * Typed failures of the Graph gateway. Both are AppErrors so the HTTP layer and the CLI map them
 * without knowing anything about Graph.
 */
import { AppError } from '../../shared/errors';

/** The user named in the request does not exist in the directory (Graph 404 on /users/{ref}). */
export class UserNotFoundError extends AppError {
  readonly userRef: string;
  constructor(userRef: string) {
    super('not_found', `No user ${userRef} in the directory`, { expected: true, details: { userRef } });
    this.name = 'UserNotFoundError';
    this.userRef = userRef;
  }
}

/** Graph (or its token service) could not be reached, timed out, or kept failing after retries. */
export class GraphUnavailableError extends AppError {
  constructor(message: string, opts: { status?: number; cause?: unknown } = {}) {
    super('unavailable', message, { expected: false, details: opts.status === undefined ? {} : { status: opts.status }, cause: opts.cause });
    this.name = 'GraphUnavailableError';
  }
}

/** Graph answered, but not in a way the gateway can use (e.g. a missing permission on a required source). */
export class GraphRequestError extends AppError {
  readonly status: number;
  readonly code: string;
  constructor(message: string, status: number, code: string) {
    super('config', message, { expected: false, details: { status, code } });
    this.name = 'GraphRequestError';
    this.status = status;
    this.code = code;
  }
}

export function isUserNotFound(e: unknown): e is UserNotFoundError {
  return e instanceof UserNotFoundError;
}

export function isGraphUnavailable(e: unknown): e is GraphUnavailableError {
  return e instanceof GraphUnavailableError;
}
