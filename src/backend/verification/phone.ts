/**
 * The number for a call-back, read from the directory, never from the chat: the user's
 * `mobilePhone`, else the first of `businessPhones`, else a registered phone authentication method
 * that is older than the "recently changed" window (an attacker may just have added one). Only a
 * masked form ever leaves the backend.
 */
import { z } from 'zod';
import type { AuthMethod, GraphUser } from '../../diagnosis/facts';

export interface DirectoryPhone {
  /** `mobilePhone`, `businessPhones[0]` or `phoneMethod:<type>`. */
  source: string;
  /** The last four digits (fewer when the number is shorter). */
  ending: string;
  /** What the approver sees, e.g. `••• ••• 0171`. */
  masked: string;
}

const PhonesSchema = z.object({
  businessPhones: z.array(z.string().max(64)).max(10).nullable().optional(),
  mobilePhone: z.string().max(64).nullable().optional(),
});
const PhoneMethodSchema = z.object({ phoneNumber: z.string().max(64), phoneType: z.string().nullable().optional(), createdDateTime: z.string().nullable().optional() }).passthrough();

function digits(n: string): string {
  return n.replace(/\D/g, '');
}

function masked(source: string, number: string): DirectoryPhone | undefined {
  const d = digits(number);
  if (d.length < 4) return undefined;
  const ending = d.slice(-4);
  return { source, ending, masked: `••• ••• ${ending}` };
}

export function directoryPhone(user: GraphUser, methods: readonly AuthMethod[], now: Date, recentDays = 14): DirectoryPhone | undefined {
  const phones = PhonesSchema.safeParse(user);
  if (phones.success) {
    const mobile = phones.data.mobilePhone ? masked('mobilePhone', phones.data.mobilePhone) : undefined;
    if (mobile) return mobile;
    const business = (phones.data.businessPhones ?? []).find((p) => digits(p).length >= 4);
    if (business) return masked('businessPhones[0]', business);
  }
  const settled = now.getTime() - recentDays * 86_400_000;
  for (const m of methods) {
    if (m['@odata.type'] !== '#microsoft.graph.phoneAuthenticationMethod') continue;
    const parsed = PhoneMethodSchema.safeParse(m);
    if (!parsed.success) continue;
    const created = Date.parse(parsed.data.createdDateTime ?? '');
    if (Number.isFinite(created) && created >= settled) continue;
    const found = masked(`phoneMethod:${parsed.data.phoneType ?? 'mobile'}`, parsed.data.phoneNumber);
    if (found) return found;
  }
  return undefined;
}
