/**
 * One claimed issuance attempt: every rule re-checked by the backend itself, then the pass
 * created through the TAP-issuing identity. Throws TapRefusal for a rule, AppError otherwise.
 */
import type { Config } from '../../config';
import type { DirectoryFacts } from '../../diagnosis/facts';
import { tapPolicySummary } from '../../diagnosis/methodPolicy';
import type { RateLimiter, RateScope } from '../../approvals/rateLimit';
import { isAppError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { DocumentStore } from '../../storage/types';
import type { IssueTapResponse } from '../api';
import type { DirectoryGateway } from '../graph/gateway';
import { isUserNotFound } from '../graph/errors';
import { TapRefusal } from './refusal';
import { clampLifetime, findTap, isLiveTap, privilegeOf, tapPolicyView, tapView } from './views';

export interface IssueInput {
  requestId: string;
  targetUser: string;
  approverId: string;
  lifetimeMinutes?: number;
  replaceExisting: boolean;
  /** The pass an earlier attempt created but never handed over: replaced without asking. */
  lostMethodId?: string;
  /** The rate-limit event id (default requestId; a recovery counts as its own event). */
  rateKey?: string;
  /**
   * After the account rules, before the rate limit: the verification ladder's check on the same
   * directory facts (throws TapRefusal). Absent for a recovery.
   */
  verify?: (facts: DirectoryFacts) => Promise<void>;
}

export interface IssuanceDeps {
  gateway: DirectoryGateway;
  store: DocumentStore;
  rate: RateLimiter;
  logger: Logger;
  approvals: Pick<Config['approvals'], 'approversGroupId' | 'lifetimeMinutes' | 'perApproverPerHour' | 'perTenantPerHour'>;
  tenantId: string;
  /** Evaluation (shadow) mode: every rule is checked, nothing is written to Entra ID. */
  shadow?: boolean;
}

export interface IssuanceOutcome {
  response: IssueTapResponse;
  userId: string;
  replacedMethodId?: string;
}

const same = (a: string | null | undefined, b: string) => typeof a === 'string' && a.toLowerCase() === b.toLowerCase();

export async function isApprover(deps: Pick<IssuanceDeps, 'gateway' | 'approvals' | 'logger'>, userId: string): Promise<boolean> {
  const group = deps.approvals.approversGroupId;
  if (!group) {
    deps.logger.warn('APPROVERS_GROUP_ID is not configured: nobody can approve a Temporary Access Pass');
    return false;
  }
  try {
    const matched = await deps.gateway.checkMemberGroups(userId, [group]);
    return matched.some((g) => same(g, group));
  } catch (e) {
    if (isUserNotFound(e)) return false;
    throw e;
  }
}

export function rateScopes(deps: Pick<IssuanceDeps, 'approvals' | 'tenantId'>, approverId: string): RateScope[] {
  const tenant = deps.tenantId || 'default';
  return [
    { key: `approver:${tenant}:${approverId.toLowerCase()}`, limit: deps.approvals.perApproverPerHour },
    { key: `tenant:${tenant}`, limit: deps.approvals.perTenantPerHour },
  ];
}

async function checkRules(deps: IssuanceDeps, input: IssueInput, facts: DirectoryFacts, now: Date): Promise<{ replace?: string }> {
  const user = facts.user;
  if (same(user.id, input.approverId) || same(user.userPrincipalName, input.approverId)) {
    throw new TapRefusal('self_approval', 'nobody can approve a pass for their own account');
  }
  if (!(await isApprover(deps, input.approverId))) throw new TapRefusal('not_approver', 'only members of the approvers group can approve a pass');
  const privilege = privilegeOf(facts);
  if (privilege.privileged) {
    const message = privilege.unknown
      ? 'the account\'s directory roles could not be read, so it is treated as privileged: escalate to privileged-access staff'
      : `the account holds a privileged role (${privilege.roles.join(', ')}): privileged accounts never get a pass from the helpdesk; escalate to privileged-access staff`;
    throw new TapRefusal('privileged_target', message, { escalateTo: 'privileged-access', roles: privilege.roles });
  }
  const policy = tapPolicyView(facts);
  if (!policy.allowed) throw new TapRefusal('tap_not_allowed', `the tenant policy does not allow a pass for this account: ${policy.reason ?? 'not allowed'}`);
  const current = findTap(facts.methods);
  const view = current ? tapView(current, now) : undefined;
  if (view && isLiveTap(view)) {
    if (!input.replaceExisting && view.methodId !== input.lostMethodId) {
      throw new TapRefusal('existing_tap', 'the employee already has a usable pass; replace it only if they cannot use it', {
        existingMethodId: view.methodId,
        ...(view.expiresAt ? { existingExpiresAt: view.expiresAt } : {}),
      });
    }
    return { replace: view.methodId };
  }
  return {};
}

export async function issueClaimed(deps: IssuanceDeps, input: IssueInput, now: Date): Promise<IssuanceOutcome> {
  const { facts } = await deps.gateway.gatherFacts(input.targetUser, { now });
  const userId = facts.user.id;
  const { replace } = await checkRules(deps, input, facts, now);
  if (input.verify) await input.verify(facts);

  const scopes = rateScopes(deps, input.approverId);
  const rateKey = input.rateKey ?? input.requestId;
  const room = await deps.rate.reserve(scopes, rateKey);
  if (!room.ok) {
    throw new TapRefusal('rate_limited', 'too many passes were issued recently; try again later', { scope: room.scope.split(':')[0], limit: room.limit, retryAfterSeconds: room.retryAfterSeconds });
  }
  const summary = tapPolicySummary(facts.authenticationMethodsPolicy);
  const lifetime = clampLifetime(input.lifetimeMinutes, deps.approvals.lifetimeMinutes, summary);
  if (deps.shadow) {
    // The one guard of evaluation mode: after every rule, before the Graph write.
    await deps.rate.release(scopes, rateKey);
    throw new TapRefusal('shadow_mode', 'Shadow mode: a pass would have been issued now (every rule passed); none was created.', {
      shadow: true,
      userId,
      lifetimeInMinutes: lifetime,
      ...(replace ? { wouldReplaceMethodId: replace } : {}),
    });
  }
  try {
    if (replace) await deps.gateway.deleteTemporaryAccessPass(userId, replace);
    const tap = await deps.gateway.createTemporaryAccessPass(userId, { lifetimeInMinutes: lifetime, isUsableOnce: true });
    const view = tapView(tap, now);
    const startDateTime = new Date(tap.startDateTime ?? tap.createdDateTime ?? now.toISOString()).toISOString();
    const lifetimeInMinutes = tap.lifetimeInMinutes ?? lifetime;
    return {
      userId,
      ...(replace ? { replacedMethodId: replace } : {}),
      response: {
        pass: tap.temporaryAccessPass,
        methodId: tap.id,
        startDateTime,
        lifetimeInMinutes,
        isUsableOnce: tap.isUsableOnce ?? true,
        expiresAt: view.expiresAt ?? new Date(Date.parse(startDateTime) + lifetimeInMinutes * 60_000).toISOString(),
      },
    };
  } catch (e) {
    await deps.rate.release(scopes, rateKey);
    if (isAppError(e) && e.kind === 'refused') {
      // Graph's own policy check (lifetime range, method disabled or out of scope, guest).
      throw new TapRefusal('tap_not_allowed', `Microsoft Entra refused the pass: ${e.message}`, { graph: e.details });
    }
    throw e;
  }
}
