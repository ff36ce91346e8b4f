/** The tenant an activity comes from, and the allow-list check. */
import type { Activity } from 'botbuilder';
import { z } from 'zod';

const ChannelDataTenant = z.object({ tenant: z.object({ id: z.string() }).passthrough() }).passthrough();

export function tenantOf(activity: Partial<Activity>): string | undefined {
  const fromConversation = activity.conversation?.tenantId;
  if (typeof fromConversation === 'string' && fromConversation) return fromConversation;
  const parsed = ChannelDataTenant.safeParse(activity.channelData);
  return parsed.success && parsed.data.tenant.id ? parsed.data.tenant.id : undefined;
}

export function isTenantAllowed(allowed: readonly string[], tenantId: string | undefined): boolean {
  if (!tenantId) return false;
  const t = tenantId.toLowerCase();
  return allowed.some((a) => a.toLowerCase() === t);
}
