/** Tenant-wide policy sources: the requests, and how their replies become facts (+ gaps). */
import { z } from 'zod';
import {
  AuthenticationMethodsPolicySchema,
  ConditionalAccessPolicySchema,
  DeviceRegistrationPolicySchema,
  NamedLocationSchema,
  RoleScheduleInstanceSchema,
  type DirectoryFacts,
  type FactGap,
} from '../../diagnosis/facts';
import { gapFrom, invalidGap, isOk, parseCollection, parseEntity, type GapSource } from './parse';
import { urls } from './requests';
import type { GraphCall, GraphReply } from './transport';

export type TenantPolicies = Pick<DirectoryFacts, 'authenticationMethodsPolicy' | 'deviceRegistrationPolicy' | 'conditionalAccessPolicies' | 'namedLocations'> & {
  /** Tenant-wide PIM instances; gatherFacts keeps the rows of the user and their groups. */
  roleEligibilities: NonNullable<DirectoryFacts['roleEligibilities']> | null;
  roleAssignments: NonNullable<DirectoryFacts['roleAssignments']> | null;
  gaps: FactGap[];
};

export const POLICY_IDS = {
  authenticationMethodsPolicy: 'p-methods',
  deviceRegistrationPolicy: 'p-devices',
  conditionalAccess: 'p-ca',
  namedLocations: 'p-locations',
  roleEligibility: 'p-pim-eligible',
  roleAssignments: 'p-pim-active',
} as const;

export function policyCalls(): GraphCall[] {
  return [
    { id: POLICY_IDS.authenticationMethodsPolicy, method: 'GET', url: urls.authenticationMethodsPolicy() },
    { id: POLICY_IDS.deviceRegistrationPolicy, method: 'GET', url: urls.deviceRegistrationPolicy() },
    { id: POLICY_IDS.conditionalAccess, method: 'GET', url: urls.conditionalAccess() },
    { id: POLICY_IDS.namedLocations, method: 'GET', url: urls.namedLocations() },
    { id: POLICY_IDS.roleEligibility, method: 'GET', url: urls.roleEligibilityInstances() },
    { id: POLICY_IDS.roleAssignments, method: 'GET', url: urls.roleAssignmentInstances() },
  ];
}

const TRANSIENT = (s: number) => s === 429 || s >= 500;

function singleton<S extends z.ZodTypeAny>(source: GapSource, schema: S, reply: GraphReply | undefined, gaps: FactGap[]): z.infer<S> | null {
  if (!reply) return null;
  // No policy object at all: the tenant defaults apply (not a gap).
  if (reply.status === 404) return null;
  if (!isOk(reply)) {
    gaps.push(gapFrom(source, reply));
    return null;
  }
  const parsed = parseEntity(schema, reply);
  if (parsed.ok) return parsed.value;
  gaps.push({ source, status: reply.status, code: 'invalid_response', reason: `unexpected shape (${parsed.problem})` });
  return null;
}

function list<S extends z.ZodTypeAny>(source: GapSource, schema: S, reply: GraphReply | undefined, gaps: FactGap[]): Array<z.infer<S>> | null {
  if (!reply) return null;
  if (!isOk(reply)) {
    gaps.push(gapFrom(source, reply));
    return null;
  }
  const page = parseCollection(schema, reply);
  if (!page) {
    gaps.push({ source, status: reply.status, code: 'invalid_response', reason: 'unexpected shape (no value array)' });
    return null;
  }
  if (page.invalid > 0) gaps.push(invalidGap(source, page.invalid));
  // Tenants have tens of CA policies and locations: one page (Graph's default size) is enough.
  // PIM instances can exceed a page in large tenants: say so rather than pretend completeness.
  if (page.nextLink) gaps.push({ source, status: reply.status, code: 'partial', reason: 'only the first page was read; rows on later pages are not considered' });
  return page.items;
}

/** Assembles the policies; `cacheable` is false when a source failed transiently (retry next time). */
export function assemblePolicies(replies: Map<string, GraphReply>): { policies: TenantPolicies; cacheable: boolean } {
  const gaps: FactGap[] = [];
  const policies: TenantPolicies = {
    authenticationMethodsPolicy: singleton('authenticationMethodsPolicy', AuthenticationMethodsPolicySchema, replies.get(POLICY_IDS.authenticationMethodsPolicy), gaps),
    deviceRegistrationPolicy: singleton('deviceRegistrationPolicy', DeviceRegistrationPolicySchema, replies.get(POLICY_IDS.deviceRegistrationPolicy), gaps),
    conditionalAccessPolicies: list('conditionalAccess', ConditionalAccessPolicySchema, replies.get(POLICY_IDS.conditionalAccess), gaps),
    namedLocations: list('namedLocations', NamedLocationSchema, replies.get(POLICY_IDS.namedLocations), gaps),
    roleEligibilities: list('roleEligibility', RoleScheduleInstanceSchema, replies.get(POLICY_IDS.roleEligibility), gaps),
    roleAssignments: list('roleAssignments', RoleScheduleInstanceSchema, replies.get(POLICY_IDS.roleAssignments), gaps),
    gaps,
  };
  const cacheable = Object.values(POLICY_IDS).every((id) => {
    const r = replies.get(id);
    return r !== undefined && !TRANSIENT(r.status);
  });
  return { policies, cacheable };
}
