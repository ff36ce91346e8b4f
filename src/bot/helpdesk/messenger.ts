/**
 * Proactive sends and in-place updates through the adapter (continueConversationAsync). Errors
 * inside the callback would go to adapter.onTurnError and be lost, so they are caught and rethrown.
 */
import type { Activity, ConversationReference } from 'botbuilder';
import type { SendBudget } from '../../campaigns/sendBudget';
import type { ProactiveAdapter } from '../deps';

export interface Messenger {
  /** Sends a new message (a new post when the reference is a channel); returns its activity id. */
  send(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<string>;
  /** Replaces an earlier message in place (updateActivity). */
  update(reference: Partial<ConversationReference>, activityId: string, activity: Partial<Activity>): Promise<void>;
}

/** `budget`: the tenant's shared Teams send budget (src/campaigns/sendBudget.ts); every send and update takes a slot. */
export function createMessenger(adapter: ProactiveAdapter, botAppId: string, budget?: SendBudget): Messenger {
  async function run<T>(reference: Partial<ConversationReference>, work: (ctx: Parameters<Parameters<ProactiveAdapter['continueConversationAsync']>[2]>[0]) => Promise<T>): Promise<T> {
    if (budget) await budget.acquire(reference.conversation?.tenantId ?? '');
    let result: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    await adapter.continueConversationAsync(botAppId, reference, async (ctx) => {
      try {
        result = { ok: true, value: await work(ctx) };
      } catch (error) {
        result = { ok: false, error };
      }
    });
    if (!result) throw new Error('the proactive turn did not run');
    if (!result.ok) throw result.error;
    return result.value;
  }
  return {
    send: (reference, activity) =>
      run(reference, async (ctx) => {
        // A new message (a new post in a channel), not a reply to the continuation activity's made-up id.
        ctx.onSendActivities(async (_c, activities, next) => {
          for (const a of activities) delete a.replyToId;
          return next();
        });
        const sent = await ctx.sendActivity(activity);
        if (!sent?.id) throw new Error('the channel returned no activity id');
        return sent.id;
      }),
    update: (reference, activityId, activity) =>
      run(reference, async (ctx) => {
        await ctx.updateActivity({ ...activity, id: activityId });
      }),
  };
}
