/**
 * What an approver should see before approving a pass: Identity Protection risk, recent sign-ins,
 * methods added lately, privileged roles, account age, the manager (for a call-back to a directory
 * number), the TAP policy for this user and any existing pass. One gatherFacts round (as the
 * diagnosis) plus the manager, in parallel.
 */
import { z } from 'zod';
import type { Config } from '../../config';
import type { Clock } from '../../shared/clock';
import { describeError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { AuditLog } from '../../storage/types';
import type { RiskProfileRequest, RiskProfileResponse } from '../api';
import type { DirectoryGateway, DirectoryManager } from '../graph/gateway';
import { isGraphUnavailable, isUserNotFound } from '../graph/errors';
import { findTap, methodsCreatedSince, privilegeOf, signInSummary, tapPolicyView, tapView } from '../tap/views';
import { isVip } from '../verification/assess';
import { evaluationTime } from './diagnoseService';

export const RECENT_METHOD_DAYS = 14;
export const MAX_SIGN_INS = 10;

export interface RiskProfileServiceDeps {
  gateway: DirectoryGateway;
  clock: Clock;
  logger: Logger;
  audit?: AuditLog;
  config: { backend: Pick<Config['backend'], 'allowTimeTravel'> };
  /** VIP_GROUP_ID: members are reported as `vip` (the verification ladder's no-pass tier). */
  vipGroupId?: string;
}

function managerView(m: DirectoryManager): NonNullable<RiskProfileResponse['manager']> {
  return {
    id: m.id,
    ...(m.displayName ? { displayName: m.displayName } : {}),
    ...(m.userPrincipalName ? { userPrincipalName: m.userPrincipalName } : {}),
    businessPhones: m.businessPhones ?? [],
    ...(m.mobilePhone ? { mobilePhone: m.mobilePhone } : {}),
  };
}

const PhonesSchema = z.object({ businessPhones: z.array(z.string().max(64)).max(10).nullable().optional(), mobilePhone: z.string().max(64).nullable().optional() });

/** The user's directory numbers (selected with the user), for the helpdesk's call-back. */
function directoryPhones(user: unknown): { businessPhones?: string[]; mobilePhone?: string } {
  const parsed = PhonesSchema.safeParse(user);
  if (!parsed.success) return {};
  const business = (parsed.data.businessPhones ?? []).filter((p) => p.trim() !== '');
  return { ...(business.length > 0 ? { businessPhones: business } : {}), ...(parsed.data.mobilePhone ? { mobilePhone: parsed.data.mobilePhone } : {}) };
}

export function createRiskProfileService(deps: RiskProfileServiceDeps) {
  /** The manager is helpful, not required: a missing permission or manager leaves it out. */
  async function managerOf(userRef: string, requestId?: string): Promise<DirectoryManager | undefined> {
    try {
      return await deps.gateway.getManager(userRef);
    } catch (e) {
      if (isUserNotFound(e) || isGraphUnavailable(e)) return undefined;
      deps.logger.warn({ requestId, err: describeError(e) }, 'manager unavailable for the risk profile');
      return undefined;
    }
  }

  return {
    async profile(request: { user: string; now?: string }, ctx: { requestId?: string; caller?: string } = {}): Promise<RiskProfileResponse> {
      const now = evaluationTime(request.now, deps.config.backend.allowTimeTravel, deps.clock);
      const [{ facts }, manager] = await Promise.all([deps.gateway.gatherFacts(request.user, { now }), managerOf(request.user, ctx.requestId)]);
      const vip = deps.vipGroupId ? (await isVip({ gateway: deps.gateway, logger: deps.logger, vipGroupId: deps.vipGroupId }, facts.user.id)).vip : undefined;
      const u = facts.user;
      const privilege = privilegeOf(facts);
      const tap = findTap(facts.methods);
      const since = new Date(now.getTime() - RECENT_METHOD_DAYS * 24 * 3600_000);
      const profile: RiskProfileResponse = {
        user: {
          id: u.id,
          ...(u.userPrincipalName ? { userPrincipalName: u.userPrincipalName } : {}),
          ...(u.displayName ? { displayName: u.displayName } : {}),
          ...(typeof u.accountEnabled === 'boolean' ? { accountEnabled: u.accountEnabled } : {}),
          ...(u.userType ? { userType: u.userType } : {}),
          ...directoryPhones(u),
        },
        ...(facts.riskLevel ? { riskLevel: facts.riskLevel } : {}),
        recentSignIns: (facts.signIns ?? []).slice(0, MAX_SIGN_INS).map(signInSummary),
        methodsAddedRecently: methodsCreatedSince(facts.methods, since, { includeTaps: true }),
        privileged: privilege.privileged,
        privilegedRoles: privilege.roles,
        ...(vip !== undefined ? { vip } : {}),
        ...(u.createdDateTime ? { accountCreated: u.createdDateTime } : {}),
        ...(manager ? { manager: managerView(manager) } : {}),
        tapPolicy: tapPolicyView(facts),
        existingTap: tap ? tapView(tap, now) : null,
        gaps: facts.gaps,
        profiledAt: now.toISOString(),
      };
      if (deps.audit) {
        await deps.audit.append({
          at: deps.clock.now().toISOString(),
          action: 'risk_profile.read',
          actor: ctx.caller ?? 'system',
          subject: u.id,
          details: { riskLevel: profile.riskLevel ?? null, privileged: profile.privileged, gaps: facts.gaps.map((g) => g.source) },
          ...(ctx.requestId ? { correlationId: ctx.requestId } : {}),
        });
      }
      deps.logger.info({ requestId: ctx.requestId, userId: u.id, privileged: profile.privileged, gaps: facts.gaps.length }, 'risk profile');
      return profile;
    },
  };
}

export type RiskProfileService = ReturnType<typeof createRiskProfileService>;
export type { RiskProfileRequest };
