/**
 * The campaign engine's NudgeSender in the bot: Teams through botbuilder's adapter, stored
 * conversation references, app installs through the backend, and the outbox (outbox.ts) that
 * answers "was this delivered?".
 */
import { TurnContext, type Activity, type ConversationParameters, type ConversationReference } from 'botbuilder';
import { SendError, type Nudge, type NudgeSender } from '../../campaigns/ports';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { Outbox } from './outbox';
import { surelyNotSent } from '../sendOutcome';
import { toSendError } from './sendErrors';
import type { CampaignBackend } from './targetSource';
import type { UserDirectory } from './userIndex';

/** The part of TeamsAdapter (CloudAdapter) campaigns use. */
export interface CampaignAdapter {
  continueConversationAsync(botAppId: string, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
  createConversationAsync(
    botAppId: string,
    channelId: string,
    serviceUrl: string,
    audience: string | undefined,
    parameters: ConversationParameters,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void>;
}

export interface TeamsNudgeSenderDeps {
  adapter: CampaignAdapter;
  botAppId: string;
  tenantId: string;
  users: UserDirectory;
  backend: Pick<CampaignBackend, 'campaignInstall'>;
  outbox: Outbox;
  /** The nudge card as an activity (nudgeMessage.ts). */
  /** The nudge activity, worded for the recipient of `conversationId`. */
  render: (nudge: Nudge, conversationId: string) => Partial<Activity> | Promise<Partial<Activity>>;
  clock: Clock;
  logger: Logger;
  /** Used when no activity from this tenant was seen yet (e.g. https://smba.trafficmanager.net/teams/). */
  serviceUrl?: string;
}

export class TeamsNudgeSender implements NudgeSender {
  constructor(private readonly d: TeamsNudgeSenderDeps) {}

  async findConversation(userId: string): Promise<string | undefined> {
    return (await this.d.users.find(this.d.tenantId, userId))?.reference?.conversation.id;
  }

  async installApp(userId: string): Promise<'installed' | 'alreadyInstalled'> {
    let answer;
    try {
      answer = await this.d.backend.campaignInstall({ userId });
    } catch (e) {
      throw toSendError(e);
    }
    if (answer.outcome === 'installed') return 'installed';
    if (answer.outcome === 'already') return 'alreadyInstalled';
    this.d.logger.info({ userId, reason: answer.reason }, 'app install refused for this employee');
    throw new SendError(403, 'AppNotAllowed', answer.reason);
  }

  async createConversation(userId: string): Promise<string> {
    const { serviceUrl, botId } = await this.tenantContext();
    const parameters = {
      isGroup: false,
      bot: { id: botId, name: '' },
      members: [{ id: userId, name: '' }],
      tenantId: this.d.tenantId,
      channelData: { tenant: { id: this.d.tenantId } },
    } as ConversationParameters;
    let reference: Partial<ConversationReference> | undefined;
    try {
      await this.d.adapter.createConversationAsync(this.d.botAppId, 'msteams', serviceUrl, undefined, parameters, async (ctx) => {
        reference = TurnContext.getConversationReference(ctx.activity);
      });
    } catch (e) {
      throw toSendError(e);
    }
    const id = reference?.conversation?.id;
    if (!reference || !id) throw new SendError(502, 'NoConversationId', 'the connector created no conversation id');
    await this.d.users.remember(this.d.tenantId, userId, { ...reference, user: { id: userId, name: '', aadObjectId: userId } }, this.d.clock.now());
    return id;
  }

  async send(conversationId: string, nudge: Nudge, idempotencyKey: string): Promise<{ activityId: string }> {
    const known = await this.d.outbox.get(idempotencyKey);
    if (known?.state === 'delivered' && known.activityId) return { activityId: known.activityId };
    if (known?.state === 'attempting') return { activityId: unconfirmed(idempotencyKey) };
    const reference = await this.referenceFor(conversationId, nudge.userId);
    const activity = await this.d.render(nudge, conversationId);
    await this.d.outbox.attempting(idempotencyKey, conversationId, this.d.clock.now());
    let result: { id: string } | { error: unknown } | undefined;
    try {
      await this.d.adapter.continueConversationAsync(this.d.botAppId, reference, async (ctx) => {
        // A new message in the chat, not a reply to the continuation activity's made-up id.
        ctx.onSendActivities(async (_c, activities, next) => {
          for (const a of activities) delete a.replyToId;
          return next();
        });
        try {
          const sent = await ctx.sendActivity({ ...activity, channelData: { ...(activity.channelData as object | undefined), clientActivityId: idempotencyKey } });
          result = { id: sent?.id ?? '' };
        } catch (error) {
          result = { error };
        }
      });
    } catch (error) {
      result = { error };
    }
    if (!result || 'error' in result) {
      const error = result ? result.error : new Error('the proactive turn did not run');
      // Only a failure that proves nothing was posted clears the outbox; after an ambiguous one
      // (timeout, 502/504, reset after the request left) the key stays `attempting`, and the retry
      // records the nudge as unconfirmed instead of posting it again (at most once).
      if (surelyNotSent(error)) await this.d.outbox.clear(idempotencyKey);
      else this.d.logger.warn({ idempotencyKey, status: toSendError(error).status }, 'nudge send failed ambiguously; recorded as unconfirmed, not repeated');
      throw toSendError(error);
    }
    const activityId = result.id || unconfirmed(idempotencyKey);
    await this.d.outbox.delivered(idempotencyKey, conversationId, activityId, this.d.clock.now());
    return { activityId };
  }

  async wasDelivered(_conversationId: string, idempotencyKey: string): Promise<{ activityId: string } | undefined> {
    const known = await this.d.outbox.get(idempotencyKey);
    if (!known) return undefined;
    if (known.state === 'delivered' && known.activityId) return { activityId: known.activityId };
    this.d.logger.warn({ idempotencyKey }, 'a nudge may or may not have been posted (stopped mid-send); counted as sent, not repeated');
    return { activityId: unconfirmed(idempotencyKey) };
  }

  private async tenantContext(): Promise<{ serviceUrl: string; botId: string }> {
    const t = await this.d.users.tenant(this.d.tenantId);
    const serviceUrl = t?.serviceUrl ?? this.d.serviceUrl;
    if (!serviceUrl) throw new SendError(503, 'NoServiceUrl', 'no Teams service URL known for this tenant yet (send the bot any message first)');
    return { serviceUrl, botId: t?.botId ?? `28:${this.d.botAppId}` };
  }

  private async referenceFor(conversationId: string, userId: string): Promise<Partial<ConversationReference>> {
    const stored = (await this.d.users.find(this.d.tenantId, userId))?.reference;
    if (stored && stored.conversation.id === conversationId) return stored as unknown as Partial<ConversationReference>;
    const { serviceUrl, botId } = await this.tenantContext();
    return {
      channelId: 'msteams',
      serviceUrl,
      bot: { id: botId, name: '' },
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', tenantId: this.d.tenantId, name: '' },
    };
  }
}

/** The activity id recorded when Teams' answer was lost (see outbox.ts). */
export const unconfirmed = (key: string): string => `unconfirmed:${key}`;
