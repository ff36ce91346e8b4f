/**
 * The turn's error boundary: expected AppErrors become a helpful card, anything else a short
 * apology with a reference id and one structured log line with the correlation ids.
 */
import { renderNoticeCard } from '../cards/noticeCard';
import type { AdaptiveCard } from '../cards/renderCard';
import { describeError, isAppError, type AppError } from '../shared/errors';
import { isLoginRequired } from './sso/loginRequest';
import type { BotServices, Turn } from './turn';

export function isOutage(error: unknown): error is AppError {
  return isAppError(error) && (error.kind === 'unavailable' || error.kind === 'rate_limited');
}

export function errorCard(svc: BotServices, turn: Turn, error: unknown): AdaptiveCard {
  const n = svc.cards.strings.notices;
  // An outage (unreachable, timed out, 5xx, throttled) is "try again" whatever its `expected` flag:
  // the real client marks them unexpected (src/backend/client.ts), and they are still not our bug.
  if (isOutage(error)) {
    turn.log.warn({ kind: error.kind, status: error.details.status, err: describeError(error) }, 'backend unavailable');
    return renderNoticeCard(svc.cards, { title: n.unavailableTitle, text: n.unavailableText, retryFlowId: turn.flow?.flowId });
  }
  if (isAppError(error) && error.expected && error.kind === 'not_found') {
    turn.log.info({ kind: error.kind }, 'account not found');
    return renderNoticeCard(svc.cards, { title: n.unknownUserTitle, text: n.unknownUserText });
  }
  const reference = svc.newReference();
  const level = isAppError(error) && error.expected ? 'warn' : 'error';
  turn.log[level](
    { reference, kind: isAppError(error) ? error.kind : 'unexpected', err: describeError(error), stack: error instanceof Error ? error.stack : undefined },
    'turn failed',
  );
  return renderNoticeCard(svc.cards, { title: n.apologyTitle, text: n.apologyText, reference });
}

/** Runs a handler; whatever happens, the employee gets exactly one card. */
export async function withBoundary(svc: BotServices, turn: Turn, handler: () => Promise<AdaptiveCard>): Promise<AdaptiveCard> {
  try {
    return await handler();
  } catch (e) {
    // Not a failure: the responder answers the invoke with a Teams login request (bot/sso).
    if (isLoginRequired(e)) throw e;
    return errorCard(svc, turn, e);
  }
}
