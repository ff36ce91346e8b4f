/**
 * What identifies one press of one button: the conversation, the message that carries the card
 * (`replyToId`; the activity id when Teams sends none), the clicker, the verb and a hash of the
 * data. Teams re-sends an unanswered invoke with all of these unchanged, so a re-send finds the
 * work the first delivery started.
 */
import { createHash } from 'node:crypto';
import type { Activity } from 'botbuilder';

/** JSON with object keys sorted, so equal data hashes equally whatever the key order. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export interface InvokeIdentity {
  key: string;
  verb: string;
  /** Manual press, or Teams' automatic `refresh`. */
  automatic: boolean;
}

export function invokeIdentity(activity: Partial<Activity>): InvokeIdentity {
  const value = (activity.value ?? {}) as { action?: { verb?: unknown; data?: unknown }; trigger?: unknown };
  const verb = typeof value.action?.verb === 'string' ? value.action.verb.slice(0, 64) : '';
  const card = activity.replyToId ?? activity.id ?? '';
  const dataHash = createHash('sha256').update(stableJson(value.action?.data ?? {})).digest('hex');
  const parts = [activity.conversation?.id ?? '', card, activity.from?.id ?? '', verb, dataHash];
  return { key: createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 48), verb, automatic: value.trigger === 'automatic' };
}
