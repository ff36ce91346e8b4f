/**
 * The backend's verification ladder as the fake backend emulates it for conversation tests: the
 * real policy and verdict (src/backend/verification), tiers set per employee, evidence recorded
 * only on a token the backend's real verifier accepts (call-back: an approver's; manager: the
 * directory manager's), refusals shaped like the real client's (AppError `refused`, details.reason).
 */
import type { CallbackConfirmRequest, ManagerConfirmRequest, VerificationStatusResponse } from '../../../../src/backend/api';
import type { UserTokenVerifier } from '../../../../src/backend/auth/userToken';
import type { VerificationEvidence } from '../../../../src/backend/verification/evidence';
import { verdict } from '../../../../src/backend/verification/ladder';
import { directoryPhone } from '../../../../src/backend/verification/phone';
import { DEFAULT_VERIFICATION_POLICY, type Tier } from '../../../../src/backend/verification/policy';
import type { Clock } from '../../../../src/shared/clock';
import { AppError } from '../../../../src/shared/errors';
import type { FakeTapBackend } from './fakeBackend';

// As src/backend/client.ts errorFromResponse builds them: 403 for who-is-asking refusals, 409 for the account's.
const refused = (reason: string, message: string, details: Record<string, unknown> = {}, status = 403) =>
  new AppError('refused', message, { expected: true, details: { ...details, reason, status, code: 'refused' } });

export interface FakeLadder {
  tiers: Map<string, Tier>;
  evidence: Map<string, VerificationEvidence[]>;
  callbackCalls: CallbackConfirmRequest[];
  managerCalls: ManagerConfirmRequest[];
}

export function enableLadder(backend: FakeTapBackend, verify: UserTokenVerifier, clock: Clock): FakeLadder {
  const ladder: FakeLadder = { tiers: new Map(), evidence: new Map(), callbackCalls: [], managerCalls: [] };
  const prove = async (token: string, oid: string) => {
    try {
      return await verify(token, { oid });
    } catch (e) {
      throw refused('unproven', e instanceof Error ? e.message : 'unproven');
    }
  };
  const employeeOf = (requestId: string) => {
    const opened = backend.opened.get(requestId);
    if (!opened) throw refused('request_unknown', 'no such request');
    return opened.employeeId;
  };
  const status = (requestId: string): VerificationStatusResponse => {
    const employeeId = employeeOf(requestId);
    const tier = ladder.tiers.get(employeeId) ?? 'standard';
    const recorded = ladder.evidence.get(requestId) ?? [];
    const v = verdict(DEFAULT_VERIFICATION_POLICY, tier, recorded);
    const u = backend.users.get(employeeId);
    const phone = u ? directoryPhone({ id: employeeId, ...(u.mobilePhone ? { mobilePhone: u.mobilePhone } : {}) }, [], clock.now()) : undefined;
    const m = backend.managers.get(employeeId);
    return {
      requestId,
      employeeId,
      tier,
      reasons: tier === 'elevated' ? ['1 method(s) added recently: Microsoft Authenticator'] : tier === 'privileged' ? ['directory role: Global Administrator'] : [],
      accepted: v.accepted,
      satisfied: v.satisfied,
      missing: v.missing,
      recorded,
      ...(phone ? { callback: { maskedNumber: phone.masked, numberEnding: phone.ending, source: phone.source } } : {}),
      ...(m ? { manager: { id: m.id, displayName: m.displayName } } : {}),
      faceCheckAvailable: false,
      checkedAt: clock.now().toISOString(),
    };
  };
  const add = (requestId: string, e: VerificationEvidence) => ladder.evidence.set(requestId, [...(ladder.evidence.get(requestId) ?? []), e]);

  backend.verificationStatus = async (r) => status(r.requestId);
  backend.confirmCallback = async (r) => {
    ladder.callbackCalls.push(r);
    const who = await prove(r.approverToken, r.approverId);
    if (!backend.approvers.has(who.oid)) throw refused('not_approver', 'only approvers can confirm a call-back');
    const current = status(r.requestId).callback;
    if (!current || current.numberEnding !== r.numberEnding) throw refused('verification_insufficient', 'the directory number changed', { problem: 'number_changed' });
    add(r.requestId, { kind: 'callback', source: current.source, numberEnding: current.numberEnding, confirmedBy: who.oid, at: clock.now().toISOString() });
    return status(r.requestId);
  };
  backend.confirmManager = async (r) => {
    ladder.managerCalls.push(r);
    const who = await prove(r.managerToken, r.managerId);
    if (backend.managers.get(employeeOf(r.requestId))?.id !== who.oid) throw refused('not_manager', "only the employee's directory manager can confirm");
    if (r.outcome === 'confirmed') add(r.requestId, { kind: 'manager', managerId: who.oid, at: clock.now().toISOString() });
    return status(r.requestId);
  };
  backend.ladderCheck = (request) => {
    const s = status(request.requestId);
    if (s.accepted.length === 0) throw refused('privileged_target', 'privileged account', { tier: s.tier, escalateTo: s.tier === 'vip' ? 'in-person' : 'privileged-access' }, 409);
    if (!s.satisfied) throw refused('verification_insufficient', `the ${s.tier} tier needs more proof`, { tier: s.tier, missing: s.missing });
  };
  return ladder;
}
