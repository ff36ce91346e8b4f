/** The approver's risk picture of one employee, validated (it crosses the backend boundary and is stored). */
import { z } from 'zod';

const str = z.string().max(500);
const MethodChangeSchema = z.object({ kind: str.optional(), displayName: str.optional(), createdDateTime: str.optional() }).passthrough();

export const RiskProfileSchema = z
  .object({
    user: z
      .object({ id: str.optional(), displayName: str.optional(), userPrincipalName: str.optional(), businessPhones: z.array(str).max(10).optional(), mobilePhone: str.optional() })
      .passthrough()
      .optional(),
    riskLevel: str.optional(),
    recentSignIns: z
      .array(
        z
          .object({
            createdDateTime: str.optional(),
            ipAddress: str.optional(),
            location: str.optional(),
            city: str.optional(),
            countryOrRegion: str.optional(),
            app: str.optional(),
            status: str.optional(),
          })
          .passthrough(),
      )
      .max(50)
      .optional(),
    methodsAddedRecently: z.array(MethodChangeSchema).max(50).optional(),
    privilegedRoles: z.array(z.union([str, z.object({ displayName: str.optional() }).passthrough()])).max(50).optional(),
    accountCreated: str.optional(),
    manager: z
      .object({ id: str.optional(), displayName: str.optional(), userPrincipalName: str.optional(), businessPhones: z.array(str).optional(), mobilePhone: str.nullable().optional() })
      .passthrough()
      .nullable()
      .optional(),
    tapPolicy: z.object({ allowed: z.boolean().optional(), reason: str.optional() }).passthrough().optional(),
    existingTap: z.object({ methodId: str.optional(), isUsable: z.boolean().optional(), startDateTime: str.optional(), lifetimeInMinutes: z.number().optional() }).passthrough().nullable().optional(),
  })
  .passthrough();

/** The stored picture (a subset of the backend's risk profile; every field optional). */
export type RiskProfile = z.infer<typeof RiskProfileSchema>;

/** What survives validation; a profile that does not validate is treated as unknown (empty). */
export function parseRiskProfile(raw: unknown): RiskProfile {
  const parsed = RiskProfileSchema.safeParse(raw);
  return parsed.success ? parsed.data : {};
}

export function roleNames(p: RiskProfile): string[] {
  return (p.privilegedRoles ?? []).map((r) => (typeof r === 'string' ? r : (r.displayName ?? 'role')));
}

/** Risk signal codes recorded on the request (and in its audit record). */
export function riskSignalsOf(p: RiskProfile, now: Date): Array<{ code: string; detail?: string }> {
  const out: Array<{ code: string; detail?: string }> = [];
  if (p.riskLevel && !['none', 'low', 'hidden', 'unknownFutureValue'].includes(p.riskLevel)) out.push({ code: 'user_risk', detail: `Identity Protection risk ${p.riskLevel}` });
  const added = p.methodsAddedRecently ?? [];
  if (added.length > 0) out.push({ code: 'methods_changed_recently', detail: `${added.length} method(s) added recently` });
  const roles = roleNames(p);
  if (roles.length > 0) out.push({ code: 'privileged_roles', detail: roles.join(', ').slice(0, 500) });
  if (p.accountCreated && now.getTime() - Date.parse(p.accountCreated) < 30 * 86_400_000) out.push({ code: 'new_account', detail: `created ${p.accountCreated}` });
  const countries = new Set((p.recentSignIns ?? []).map((s) => s.countryOrRegion).filter((c): c is string => Boolean(c)));
  if (countries.size > 1) out.push({ code: 'sign_ins_from_several_countries', detail: [...countries].join(', ') });
  if (!p.manager) out.push({ code: 'no_manager' });
  return out;
}
