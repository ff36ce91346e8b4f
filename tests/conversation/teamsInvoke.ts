/**
 * How Teams treats a slow `Action.Execute` invoke (issue 9; entra-graph-2026.md §20): the client
 * waits about 15 s for the invoke response; a later answer is abandoned ("Something went wrong")
 * and the invoke is sent again once. Time is the harness's injected clock: a fake backend that
 * "takes 20 s" advances the clock, and the re-send starts the moment the clock passes 15 s, while
 * the first turn is still running. The re-sent invoke is the same activity (same id) [assumption].
 */
import type { Activity } from 'botbuilder';
import { FixedClock } from '../../src/shared/clock';
import type { Harness } from './harness';

export const TEAMS_INVOKE_TIMEOUT_MS = 15_000;

/** A frozen clock whose `advance`/`set` fire the callbacks that came due (virtual timers). */
export class VirtualClock extends FixedClock {
  private timers: Array<{ at: number; fn: () => void }> = [];

  at(at: number, fn: () => void): () => void {
    const timer = { at, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  override advance(ms: number): void {
    super.advance(ms);
    this.fire();
  }

  override set(at: Date | string): void {
    super.set(at);
    this.fire();
  }

  private fire(): void {
    const now = this.now().getTime();
    const due = this.timers.filter((t) => t.at <= now);
    this.timers = this.timers.filter((t) => t.at > now);
    for (const t of due) t.fn();
  }
}

export interface InvokeAttempt {
  /** What the bot sent during this turn (invoke response and any message), typing left out. */
  answers: Partial<Activity>[];
  /** Time the bot took, on the injected clock. */
  elapsedMs: number;
  /** Teams stopped waiting for this attempt. */
  abandoned: boolean;
  /** The turn failed (Teams shows "Something went wrong" for a failed invoke). */
  error?: string;
}

export interface TeamsInvokeResult {
  attempts: InvokeAttempt[];
  /** The answer the employee sees, or 'somethingWentWrong' when every attempt was abandoned. */
  shown: Partial<Activity>[] | 'somethingWentWrong';
}

/** One turn, capturing only what this turn sent (two turns may run at once) and how it failed. */
async function turn(h: Harness, activity: Partial<Activity>): Promise<{ answers: Partial<Activity>[]; error?: string }> {
  const sent: Partial<Activity>[] = [];
  let error: string | undefined;
  try {
    await h.adapter.processActivity({ ...h.base(), ...activity }, async (ctx) => {
      ctx.onSendActivities(async (_ctx, activities, next) => {
        sent.push(...activities);
        return next();
      });
      await h.app.run(ctx);
    });
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const queue = h.adapter.activeQueue;
  for (const a of sent) {
    const i = queue.indexOf(a as Activity);
    if (i >= 0) queue.splice(i, 1);
  }
  const answers = sent.filter((a) => a.type !== 'typing');
  return error === undefined ? { answers } : { answers, error };
}

/** Presses an Action.Execute button the way the Teams client does (abandon after 15 s, re-send once). */
export async function pressLikeTeams(h: Harness, clock: VirtualClock, verb: string, data: Record<string, unknown>): Promise<TeamsInvokeResult> {
  const activity: Partial<Activity> = {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `invoke-${clock.now().getTime()}-${verb}`,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
  const start = clock.now().getTime();
  let resend: { start: number; done: Promise<{ answers: Partial<Activity>[]; error?: string; end: number }> } | undefined;
  const cancel = clock.at(start + TEAMS_INVOKE_TIMEOUT_MS, () => {
    const resendStart = clock.now().getTime();
    resend = { start: resendStart, done: turn(h, activity).then((t) => ({ ...t, end: clock.now().getTime() })) };
  });
  const first = await turn(h, activity);
  const firstMs = clock.now().getTime() - start;
  cancel();
  const attempt = (t: { answers: Partial<Activity>[]; error?: string }, elapsedMs: number, abandoned: boolean): InvokeAttempt =>
    t.error === undefined ? { answers: t.answers, elapsedMs, abandoned } : { answers: t.answers, elapsedMs, abandoned, error: t.error };
  if (firstMs <= TEAMS_INVOKE_TIMEOUT_MS) return { attempts: [attempt(first, firstMs, false)], shown: first.error === undefined ? first.answers : 'somethingWentWrong' };
  const attempts: InvokeAttempt[] = [attempt(first, firstMs, true)];
  if (!resend) throw new Error('the clock passed 15 s but the re-send did not start');
  const second = await resend.done;
  const secondMs = second.end - resend.start;
  const abandoned = secondMs > TEAMS_INVOKE_TIMEOUT_MS;
  attempts.push(attempt(second, secondMs, abandoned));
  return { attempts, shown: abandoned || second.error !== undefined ? 'somethingWentWrong' : second.answers };
}
