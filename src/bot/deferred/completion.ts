/**
 * "The diagnosis completes when the evidence arrives" (issue 9): when the backend answered with
 * evidence still pending (a follower had not read it yet, or its budget was spent), the findings
 * card says so — and the bot asks again a little later, in the background, and replaces that same
 * card with the complete one once the evidence is in. Only while the employee has not moved on
 * (the flow is unchanged since the card was shown), only in the 1:1 chat, at most `retries` times.
 */
import { TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../../cards/renderCard';
import { describeError } from '../../shared/errors';
import type { FlowState } from '../state';
import type { BotServices, Turn } from '../turn';
import { deliverLate, stampOf } from './late';
import { realAfter, type After, type BackgroundWork } from './timing';

/** Waits before each new attempt: the sign-in follower reads every 3 s, budgets refill in 10 s. */
export const COMPLETION_DELAYS_MS = [10_000, 20_000, 40_000] as const;

export interface CompletionDeps {
  after?: After;
  background?: BackgroundWork;
}

export interface CompletionRequest {
  /** Asks the backend again: the new flow (diagnosis replaced) when complete, undefined while still pending. */
  retry(flow: FlowState): Promise<FlowState | undefined>;
  render(flow: FlowState): AdaptiveCard;
}

export function completeWhenEvidenceArrives(svc: BotServices, turn: Turn, flow: FlowState, req: CompletionRequest): void {
  const a = turn.ctx.activity;
  const background = svc.deps.invokes?.background;
  if (!svc.deps.adapter || !background || a.type !== 'invoke' || (a.conversation?.conversationType ?? 'personal') !== 'personal') return;
  const after = svc.deps.invokes?.after ?? realAfter;
  const reference = TurnContext.getConversationReference(a);
  const stamp = stampOf(flow);
  const log = turn.log.child({ component: 'completion' });
  background.track(
    (async () => {
      for (const delay of COMPLETION_DELAYS_MS) {
        await after(delay).done;
        let complete: FlowState | undefined;
        try {
          complete = await req.retry(flow);
        } catch (e) {
          log.warn({ err: describeError(e) }, 'asking again for the pending evidence failed; trying later');
          continue;
        }
        if (!complete) continue;
        const how = await deliverLate(svc, { reference, ...(a.replyToId ? { replyToId: a.replyToId } : {}), shared: false, stamp, flow: complete, card: req.render(complete), log, onlyIfCurrent: true });
        log.info({ delivered: how }, 'the diagnosis is complete now; the card was replaced');
        return;
      }
      log.info('evidence still pending after the last attempt; the card keeps saying so');
    })().catch((e: unknown) => log.warn({ err: describeError(e) }, 'completing the diagnosis failed')),
  );
}
