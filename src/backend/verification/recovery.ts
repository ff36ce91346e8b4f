/**
 * Is Entra Account Recovery (reference entra-graph-2026.md §19.5) a path for this employee when
 * every method is lost? Checked by the backend before the bot offers it:
 *  - the tenant has Account Recovery configured (ACCOUNT_RECOVERY_ENABLED: Graph exposes no
 *    setting to read, [unconfirmed], so the admin asserts it);
 *  - the user has a first and last name (recovery matches the Verified ID's names on them);
 *  - the user is not privileged or VIP (those go to in-person / privileged-access staff), is an
 *    enabled member (not a guest).
 * Fail closed: roles or VIP membership that cannot be read block the hand-off.
 */
import type { Clock } from '../../shared/clock';
import type { AuditLog } from '../../storage/types';
import type { RecoveryEligibilityResponse } from '../api';
import type { DirectoryGateway } from '../graph/gateway';
import type { Logger } from '../../shared/logger';
import { tierOf } from './ladder';
import { isVip } from './assess';

export interface RecoveryDeps {
  gateway: DirectoryGateway;
  clock: Clock;
  logger: Logger;
  audit?: AuditLog;
  vipGroupId?: string;
  accountRecovery: { enabled: boolean; url: string };
}

const named = (v: unknown): boolean => typeof v === 'string' && v.trim() !== '';

export async function recoveryEligibility(deps: RecoveryDeps, userRef: string, ctx: { caller: string }): Promise<RecoveryEligibilityResponse> {
  const now = deps.clock.now();
  const [{ facts }, vip] = await Promise.all([deps.gateway.gatherFacts(userRef, { now }), isVip({ gateway: deps.gateway, logger: deps.logger, ...(deps.vipGroupId ? { vipGroupId: deps.vipGroupId } : {}) }, userRef)]);
  const u = facts.user;
  const blockers: RecoveryEligibilityResponse['blockers'] = [];
  if (!deps.accountRecovery.enabled) blockers.push('not_configured');
  if (!named(u.givenName) || !named(u.surname)) blockers.push('name_missing');
  const tier = tierOf({ facts, now, vip: vip.vip, request: { reason: '', findings: [] } }).tier;
  if (tier === 'privileged') blockers.push('privileged');
  if (tier === 'vip') blockers.push('vip');
  if (u.accountEnabled === false) blockers.push('account_disabled');
  if (typeof u.userType === 'string' && u.userType.toLowerCase() === 'guest') blockers.push('guest');
  const eligible = blockers.length === 0;
  if (deps.audit) await deps.audit.append({ at: now.toISOString(), action: 'verification.recovery_checked', actor: ctx.caller, subject: u.id, details: { eligible, blockers } });
  return { userId: u.id, eligible, blockers, ...(eligible ? { url: deps.accountRecovery.url } : {}) };
}
