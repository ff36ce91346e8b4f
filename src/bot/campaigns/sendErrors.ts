/**
 * Maps what botbuilder's connector client throws (a RestError: statusCode, code = the connector's
 * `error.code`, response.headers with Retry-After) onto the engine's SendError. Note: the SDK's own
 * HTTP pipeline already retries a 429 a few times (honouring Retry-After) before it throws.
 */
import { SendError } from '../../campaigns/ports';
import { AppError } from '../../shared/errors';

interface RestErrorLike {
  statusCode?: unknown;
  code?: unknown;
  message?: unknown;
  response?: { headers?: { get?: (name: string) => string | undefined | null }; parsedBody?: unknown };
}

function retryAfterMs(e: RestErrorLike): number | undefined {
  const raw = typeof e.response?.headers?.get === 'function' ? e.response.headers.get('retry-after') : undefined;
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

function bodyCode(e: RestErrorLike): string | undefined {
  const body = e.response?.parsedBody as { error?: { code?: unknown } } | undefined;
  return typeof body?.error?.code === 'string' ? body.error.code : undefined;
}

export function toSendError(e: unknown): SendError {
  if (e instanceof SendError) return e;
  if (e instanceof AppError) {
    // The backend (installs): outages are retried, refusals are final.
    const status = typeof e.details?.status === 'number' ? e.details.status : e.kind === 'unavailable' ? 503 : 400;
    return new SendError(status >= 500 || e.kind === 'unavailable' ? 503 : status, `Backend_${e.kind}`, e.message);
  }
  const r = (typeof e === 'object' && e !== null ? e : {}) as RestErrorLike;
  const status = typeof r.statusCode === 'number' ? r.statusCode : 0;
  const code = bodyCode(r) ?? (typeof r.code === 'string' && r.code ? r.code : status === 0 ? 'NetworkError' : `Http${status}`);
  const message = typeof r.message === 'string' ? r.message : String(e);
  return new SendError(status, code, `connector answered ${status} ${code}: ${message.slice(0, 200)}`, retryAfterMs(r));
}
