/**
 * How the helpdesk reaches the employee: their account and directory numbers, and their manager.
 * Taken from the backend's risk profile (the directory), never from what was typed in chat.
 */
import { z } from 'zod';
import type { Fact } from '../../cards/evidence';
import type { Strings } from '../../i18n/en';
import type { RiskProfile } from '../tap/profile';

const str = z.string().max(200);
export const ContactSchema = z.object({
  upn: str.optional(),
  phones: z.array(str).max(10),
  manager: z.object({ name: str, upn: str.optional(), phones: z.array(str).max(10) }).optional(),
});
export type Contact = z.infer<typeof ContactSchema>;

export function contactOf(p: RiskProfile): Contact {
  const u = p.user;
  const m = p.manager;
  return {
    ...(u?.userPrincipalName ? { upn: u.userPrincipalName } : {}),
    phones: [...(u?.businessPhones ?? []), ...(u?.mobilePhone ? [u.mobilePhone] : [])],
    ...(m?.displayName || m?.userPrincipalName
      ? { manager: { name: m.displayName ?? m.userPrincipalName ?? '-', ...(m.userPrincipalName ? { upn: m.userPrincipalName } : {}), phones: [...(m.businessPhones ?? []), ...(m.mobilePhone ? [m.mobilePhone] : [])] } }
      : {}),
  };
}

/** Account, phone and manager rows of an agent card. */
export function contactRows(s: Strings, c: Contact, fallbackAccount: string): Fact[] {
  const m = c.manager;
  const manager = m ? [m.name, m.upn ? `(${m.upn})` : '', m.phones.length > 0 ? `, ${m.phones.join(', ')}` : ''].filter(Boolean).join(' ').replace(' ,', ',') : s.tap.none;
  return [
    { title: s.helpdesk.factAccount, value: c.upn ?? fallbackAccount },
    { title: s.advice.factPhones, value: c.phones.length > 0 ? c.phones.join(', ') : s.advice.noPhone },
    { title: s.advice.factManagerContact, value: manager },
  ];
}
