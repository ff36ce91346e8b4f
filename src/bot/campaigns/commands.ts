/** The channel's campaign commands: "@MFA Helper campaign <verb> [...]" (mentions stripped). */
import { parsePasskeyPreview, type PasskeyPreview } from './passkeyCommands';

export type CampaignCommand =
  | { kind: 'preview'; groupId?: string; passkey?: PasskeyPreview }
  | { kind: 'cohorts' }
  | { kind: 'start' | 'pause' | 'resume' | 'cancel' | 'progress'; campaignId?: string }
  | { kind: 'results'; days: number; campaignId?: string }
  | { kind: 'help' };

const ID = /^[A-Za-z0-9-]{1,100}$/;

export function stripMentions(text: string): string {
  return text.replace(/<at>[^<]*<\/at>/g, ' ').replace(/\s+/g, ' ').trim();
}

/** True when the message is meant for campaigns (it starts with "campaign"). */
export function isCampaignText(text: string): boolean {
  return /^campaigns?\b/i.test(stripMentions(text));
}

export function parseCampaignCommand(text: string): CampaignCommand {
  const words = stripMentions(text).split(' ').slice(1);
  const verb = (words[0] ?? '').toLowerCase();
  const rest = words.slice(1);
  const id = rest.find((w) => ID.test(w) && !/^\d{1,3}$/.test(w));
  switch (verb) {
    case 'preview': {
      const g = rest.findIndex((w) => w.toLowerCase() === 'group');
      const groupId = g >= 0 ? rest[g + 1] : undefined;
      if (g >= 0 && (groupId === undefined || !ID.test(groupId))) return { kind: 'help' };
      const passkey = rest[0]?.toLowerCase() === 'passkey' ? parsePasskeyPreview(rest.slice(1, g >= 0 ? g : undefined)) : undefined;
      if (rest[0]?.toLowerCase() === 'passkey' && !passkey) return { kind: 'help' };
      return { kind: 'preview', ...(groupId ? { groupId } : {}), ...(passkey ? { passkey } : {}) };
    }
    case 'cohorts': {
      return { kind: 'cohorts' };
    }
    case 'start':
    case 'pause':
    case 'resume':
    case 'cancel':
    case 'progress':
    case 'status':
      return { kind: verb === 'status' ? 'progress' : verb, ...(id ? { campaignId: id } : {}) };
    case 'results': {
      const n = rest.find((w) => /^\d{1,3}$/.test(w));
      const days = n === undefined ? 7 : Number(n);
      return { kind: 'results', days: Math.min(365, Math.max(1, days)), ...(id ? { campaignId: id } : {}) };
    }
    default:
      return { kind: 'help' };
  }
}
