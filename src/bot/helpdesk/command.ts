/**
 * Messages in a team channel or group chat (the bot only gets them when @mentioned). The one
 * command: "@MFA Helper use this channel for helpdesk", allowed to helpdesk approvers only.
 */
import type { TurnContext } from 'botbuilder';
import { fill } from '../../i18n/en';
import { tenantOf } from '../tenant';
import type { TapKit } from '../tap/kit';
import { channelIdOf } from './channel';

const USE_CHANNEL = /\buse\s+this\s+(channel|chat)\s+for\s+(the\s+)?help\s?desk\b/i;
const INSIGHTS = /^\s*(insights|dashboard)\s*$/i;

export function isSharedConversation(ctx: TurnContext): boolean {
  const type = ctx.activity.conversation?.conversationType;
  return type === 'channel' || type === 'groupChat';
}

export async function onChannelMessage(kit: TapKit, ctx: TurnContext): Promise<void> {
  const h = kit.cards.strings.helpdesk;
  const a = ctx.activity;
  const text = typeof a.text === 'string' ? a.text.replace(/<at>[^<]*<\/at>/g, ' ') : '';
  if (INSIGHTS.test(text) && kit.dashboardLink) return sendDashboardLink(kit, ctx, kit.dashboardLink);
  if (!USE_CHANNEL.test(text)) {
    await ctx.sendActivity(h.channelHelp);
    return;
  }
  const tenantId = tenantOf(a) ?? '';
  const by = a.from?.aadObjectId;
  if (!(await kit.approvers.check(by))) {
    kit.log.warn({ tenantId, userId: by, conversationId: a.conversation?.id }, 'helpdesk channel selection refused: not an approver');
    await ctx.sendActivity(h.channelRefused);
    return;
  }
  const channelId = channelIdOf(a.conversation.id);
  await kit.channels.set({
    tenantId,
    channelId,
    serviceUrl: a.serviceUrl ?? '',
    botId: a.recipient?.id ?? '',
    ...(a.recipient?.name ? { botName: a.recipient.name } : {}),
    setBy: by ?? '',
    setAt: kit.clock.now().toISOString(),
  });
  await kit.approvers.remember(tenantId, { ...(a.from?.id ? { id: a.from.id } : {}), ...(by ? { aadObjectId: by } : {}) });
  await kit.audit({ action: 'helpdesk.channel_chosen', actor: by ?? 'unknown', details: { tenantId, channelId } });
  kit.log.info({ tenantId, channelId, by }, 'helpdesk channel chosen');
  await ctx.sendActivity(h.channelChosen);
}

/** "@MFA Helper insights": approvers get a 30-minute link to the dashboard (re-checked on every load). */
async function sendDashboardLink(kit: TapKit, ctx: TurnContext, link: (who: { oid: string; tid: string }) => string): Promise<void> {
  const h = kit.cards.strings.helpdesk;
  const by = ctx.activity.from?.aadObjectId;
  const tid = tenantOf(ctx.activity) ?? '';
  if (!by || !(await kit.approvers.check(by))) {
    kit.log.warn({ userId: by }, 'insights link refused: not an approver');
    await ctx.sendActivity(h.insightsRefused);
    return;
  }
  await kit.audit({ action: 'insights.link_issued', actor: by, details: { tenantId: tid } });
  await ctx.sendActivity(fill(h.insightsLink, { url: link({ oid: by, tid }) }));
}
