/**
 * Graph operations of "This wasn't me" (entra-graph-2026.md §21): the directory audit log's
 * security-info events of one user (read identity, AuditLog.Read.All), deleting one method from
 * its typed collection (containment identity, one narrow permission per method type) and blocking
 * sign-in (containment identity, User.EnableDisableAccount.All).
 */
import { z } from 'zod';
import type { AuthMethod } from '../../diagnosis/facts';
import { GraphRequestError, GraphUnavailableError } from './errors';
import { graphErrorCode, isOk, parseCollection } from './parse';
import { CONTAINMENT_DELETES } from './permissions';
import { urls } from './requests';
import { newMeter, type GraphExecutor } from './retry';
import type { GraphReply } from './transport';

const AuditSchema = z
  .object({
    id: z.string(),
    activityDisplayName: z.string(),
    activityDateTime: z.string(),
    operationType: z.string().nullable().optional(),
    result: z.string().nullable().optional(),
    resultReason: z.string().nullable().optional(),
    additionalDetails: z.array(z.object({ key: z.string().nullable().optional(), value: z.string().nullable().optional() }).passthrough()).nullable().optional(),
    targetResources: z.array(z.object({ id: z.string().nullable().optional() }).passthrough()).nullable().optional(),
  })
  .passthrough();

/** One security-info registration or update, reduced to what containment needs. */
export interface SecurityInfoEvent {
  id: string;
  at: string;
  activity: string;
  /** Graph method type without namespace when the record names it (`phoneAuthenticationMethod`), else a word from the reason. */
  method?: string;
  phoneType?: string;
}

export interface ContainmentGraph {
  /** "User/Admin registered|updated security info" events of the user at or after `since`. */
  securityInfoEvents(userId: string, since: Date): Promise<SecurityInfoEvent[]>;
  /** Deletes one method; false when it was already gone. Throws GraphRequestError when Graph refuses (e.g. default method). */
  deleteMethod(userId: string, method: AuthMethod): Promise<boolean>;
  /** accountEnabled = false. */
  blockSignIn(userId: string): Promise<void>;
}

const REGISTRATIONS = /registered security info|updated security info|changed default security info/i;
const COLLECTION_OF: Record<string, string> = {
  phoneAuthenticationMethod: 'phoneMethods',
  emailAuthenticationMethod: 'emailMethods',
  microsoftAuthenticatorAuthenticationMethod: 'microsoftAuthenticatorMethods',
  softwareOathAuthenticationMethod: 'softwareOathMethods',
  fido2AuthenticationMethod: 'fido2Methods',
  windowsHelloForBusinessAuthenticationMethod: 'windowsHelloForBusinessMethods',
  platformCredentialAuthenticationMethod: 'platformCredentialMethods',
};

/** The typed collection a method is deleted from, or undefined (password, TAP: not this identity's job). */
export function collectionOf(method: Pick<AuthMethod, '@odata.type'>): string | undefined {
  const c = COLLECTION_OF[method['@odata.type'].replace('#microsoft.graph.', '')];
  return c && CONTAINMENT_DELETES.some(([name]) => name === c) ? c : undefined;
}

/** The method a record names: `additionalDetails` key `Method`, else words of `resultReason` (e.g. "…registered Phone…"). */
function methodOf(r: z.infer<typeof AuditSchema>): { method?: string; phoneType?: string } {
  const detail = (key: string) => r.additionalDetails?.find((d) => d.key?.toLowerCase() === key.toLowerCase())?.value ?? undefined;
  const phoneType = detail('PhoneType');
  const named = detail('Method');
  if (named) return { method: named.replace('#microsoft.graph.', ''), ...(phoneType ? { phoneType } : {}) };
  const reason = (r.resultReason ?? '').toLowerCase();
  if (/phone|sms|voice/.test(reason)) return { method: 'phoneAuthenticationMethod' };
  if (/email/.test(reason)) return { method: 'emailAuthenticationMethod' };
  if (/authenticator/.test(reason)) return { method: 'microsoftAuthenticatorAuthenticationMethod' };
  return {};
}

function fail(what: string, reply: GraphReply): never {
  if (reply.status === 429 || reply.status >= 500) throw new GraphUnavailableError(`Graph kept failing (${reply.status}) on ${what}`, { status: reply.status });
  throw new GraphRequestError(`Graph refused ${what} (${reply.status} ${graphErrorCode(reply)})`, reply.status, graphErrorCode(reply));
}

export function createContainmentGraph(read: GraphExecutor, contain: GraphExecutor): ContainmentGraph {
  return {
    async securityInfoEvents(userId, since) {
      const reply = await read.send({ id: 'audits', method: 'GET', url: urls.securityInfoAudits(userId, since) }, newMeter());
      if (!isOk(reply)) fail('reading the security-info audit log', reply);
      const page = parseCollection(AuditSchema, reply);
      return (page?.items ?? [])
        .filter((r) => REGISTRATIONS.test(r.activityDisplayName) && (r.result ?? 'success') === 'success')
        .filter((r) => (r.targetResources ?? []).some((t) => t.id?.toLowerCase() === userId.toLowerCase()))
        .map((r) => ({ id: r.id, at: r.activityDateTime, activity: r.activityDisplayName, ...methodOf(r) }));
    },
    async deleteMethod(userId, method) {
      const collection = collectionOf(method);
      if (!collection) throw new GraphRequestError(`a ${method['@odata.type']} cannot be deleted by the containment identity`, 400, 'unsupported_method');
      const reply = await contain.send({ id: 'mdel', method: 'DELETE', url: urls.typedMethod(userId, collection, method.id) }, newMeter());
      if (reply.status === 404) return false;
      if (!isOk(reply)) fail(`deleting a ${collection.replace(/Methods$/, '')} method`, reply);
      return true;
    },
    async blockSignIn(userId) {
      const reply = await contain.send({ id: 'block', method: 'PATCH', url: urls.userUpdate(userId), body: { accountEnabled: false } }, newMeter());
      if (!isOk(reply)) fail('blocking sign-in', reply);
    },
  };
}
