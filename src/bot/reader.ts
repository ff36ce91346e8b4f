/**
 * Who reads this chat, for times and words: the time zone and locale Teams sends with each
 * activity (`localTimezone`, `locale`, the `clientInfo` entity). Remembered in conversation state,
 * so proactive turns (the self-check results) use the employee's zone too. Validated both ways.
 */
import type { Activity } from 'botbuilder';
import { z } from 'zod';
import type { Reader } from '../cards/readerTime';

const ReaderSchema = z.object({
  timeZone: z.string().min(1).max(64).regex(/^[A-Za-z0-9_+\-/]+$/).optional(),
  locale: z.string().min(2).max(35).regex(/^[A-Za-z0-9-]+$/).optional(),
});

const ClientInfoSchema = z.object({ type: z.literal('clientInfo'), timezone: z.string().optional(), locale: z.string().optional() }).passthrough();

function validZone(zone: string | undefined): string | undefined {
  if (!zone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}

/** What this activity says about its reader (nothing when it says nothing). */
export function readerOfActivity(a: Partial<Activity>): Reader {
  const info = (a.entities ?? []).map((e) => ClientInfoSchema.safeParse(e)).find((r) => r.success)?.data;
  const timeZone = validZone(a.localTimezone ?? info?.timezone);
  const locale = a.locale ?? info?.locale;
  const parsed = ReaderSchema.safeParse({ ...(timeZone ? { timeZone } : {}), ...(locale ? { locale } : {}) });
  return parsed.success ? parsed.data : {};
}

/** The reader of this turn: what the activity says, else what the conversation remembered. */
export function rememberReader(conversation: { reader?: unknown }, a: Partial<Activity>): Reader {
  const stored = ReaderSchema.safeParse(conversation.reader);
  const known = stored.success ? stored.data : {};
  const now = readerOfActivity(a);
  const merged: Reader = { ...known, ...now };
  if (now.timeZone || now.locale) conversation.reader = merged;
  return merged;
}
