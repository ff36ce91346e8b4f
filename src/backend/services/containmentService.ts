/**
 * "This wasn't me" and the person-proven controls on an issued pass (docs/security-model.md
 * "Containment"). Containment, with the employee's own token: delete every Temporary Access Pass,
 * delete every method registered after the pass was issued (containment identity), revoke the
 * sessions, optionally block sign-in, and record an incident the bot must post to the helpdesk
 * channel. Each step is attempted even when another fails; the answer says exactly what was done.
 */
import type { z } from 'zod';
import type { Clock } from '../../shared/clock';
import { describeError } from '../../shared/errors';
import { newId } from '../../shared/ids';
import type { Logger } from '../../shared/logger';
import type { AuditLog, AuditRecord } from '../../storage/types';
import type { ContainRequestSchema, ContainResponse, Incident, NotRemovedMethod, ProvenRevokeRequestSchema, ProvenRevokeResponse, RemovedMethod } from '../api';
import type { DirectoryGateway } from '../graph/gateway';
import type { SecurityInfoEvent } from '../graph/containment';
import { attackerMethods } from '../tap/attackerMethods';
import type { IncidentStore } from '../tap/incidents';
import { TapRefusal } from '../tap/refusal';
import type { TapRequestService } from './tapRequestService';

export interface ContainmentDeps {
  gateway: DirectoryGateway;
  clock: Clock;
  logger: Logger;
  audit?: AuditLog;
  requests: Pick<TapRequestService, 'requests' | 'prove' | 'markRevoked'>;
  incidents: IncidentStore;
  isApprover(userId: string): Promise<boolean>;
  blockSignIn: boolean;
}

const same = (a: string | undefined, b: string) => typeof a === 'string' && a.toLowerCase() === b.toLowerCase();

export function createContainmentService(deps: ContainmentDeps) {
  const { gateway, clock, logger } = deps;
  const audit = async (record: Omit<AuditRecord, 'at'>) => {
    if (deps.audit) await deps.audit.append({ at: clock.now().toISOString(), ...record });
  };

  async function deletePasses(userId: string, errors: string[]): Promise<string[]> {
    const removed: string[] = [];
    try {
      for (const p of await gateway.listTemporaryAccessPasses(userId)) if (await gateway.deleteTemporaryAccessPass(userId, p.id)) removed.push(p.id);
    } catch (e) {
      errors.push(`passes: ${describeError(e)}`);
    }
    return removed;
  }

  return {
    async contain(input: z.output<typeof ContainRequestSchema>, ctx: { caller: string; requestId?: string }): Promise<ContainResponse> {
      const owned = await deps.requests.requests.get(input.requestId);
      if (!owned) throw new TapRefusal('request_unknown', 'no pass request with this id was opened through the backend');
      const employee = await deps.requests.prove(input.employeeToken, input.employeeId);
      if (!same(owned.employee.id, employee.oid)) throw new TapRefusal('request_mismatch', 'only the employee the pass was for can report it');
      if (owned.incidentId) {
        const earlier = await deps.incidents.get(owned.incidentId);
        if (earlier) return strip(earlier);
      }
      if (!owned.decision) throw new TapRefusal('request_not_open', 'no pass was issued for this request', { state: owned.state });
      const userId = owned.employee.id;
      const since = new Date(owned.decision.at);
      const errors: string[] = [];

      const passesRemoved = await deletePasses(userId, errors);
      let events: SecurityInfoEvent[] = [];
      let auditLogUnavailable = false;
      try {
        events = (await gateway.containment?.securityInfoEvents(userId, since)) ?? [];
        if (!gateway.containment) auditLogUnavailable = true;
      } catch (e) {
        auditLogUnavailable = true;
        errors.push(`audit log: ${describeError(e)}`);
      }
      const removed: RemovedMethod[] = [];
      const notRemoved: NotRemovedMethod[] = [];
      let methods: Awaited<ReturnType<DirectoryGateway['listAuthenticationMethods']>> = [];
      try {
        methods = await gateway.listAuthenticationMethods(userId);
      } catch (e) {
        errors.push(`methods: ${describeError(e)}`);
      }
      for (const found of attackerMethods(methods, events, since, owned.methodsAtIssue)) {
        try {
          if (!gateway.containment) throw new Error('the containment identity is not available');
          await gateway.containment.deleteMethod(userId, found.method);
          removed.push(found.summary);
        } catch (e) {
          notRemoved.push({ ...found.summary, problem: describeError(e).slice(0, 300) });
        }
      }
      let sessionsRevoked = false;
      try {
        await gateway.revokeSignInSessions(userId);
        sessionsRevoked = true;
      } catch (e) {
        errors.push(`sessions: ${describeError(e)}`);
      }
      let signInBlocked = false;
      if (deps.blockSignIn) {
        try {
          if (!gateway.containment) throw new Error('the containment identity is not available');
          await gateway.containment.blockSignIn(userId);
          signInBlocked = true;
        } catch (e) {
          errors.push(`block sign-in: ${describeError(e)}`);
        }
      }
      const answer: ContainResponse = {
        incidentId: newId(),
        userId,
        removed,
        notRemoved,
        passesRemoved,
        sessionsRevoked,
        signInBlocked,
        signInBlockConfigured: deps.blockSignIn,
        auditLogUnavailable,
        containedAt: clock.now().toISOString(),
      };
      const incident: Incident = { ...answer, requestId: owned.id, ...(owned.employee.upn ? { employeeUpn: owned.employee.upn } : {}) };
      await deps.incidents.create(incident);
      await deps.requests.requests.update(owned.id, (r) => ({ ...r, state: 'revoked', incidentId: answer.incidentId, closed: r.closed ?? { by: employee.oid, at: answer.containedAt, reason: "the employee reported a takeover (This wasn't me)" } }));
      await audit({
        action: errors.length > 0 || notRemoved.length > 0 ? 'tap.containment_incomplete' : 'tap.contained',
        actor: employee.oid,
        subject: userId,
        details: { requestId: owned.id, incidentId: answer.incidentId, caller: ctx.caller, removed: removed.map((m) => ({ id: m.id, type: m.type, evidence: m.evidence })), notRemoved: notRemoved.map((m) => ({ id: m.id, type: m.type, problem: m.problem })), passesRemoved, sessionsRevoked, signInBlocked, ...(errors.length > 0 ? { errors } : {}) },
        ...(input.correlationId ? { correlationId: input.correlationId } : ctx.requestId ? { correlationId: ctx.requestId } : {}),
      });
      logger.warn({ requestId: ctx.requestId, tapRequestId: owned.id, userId, removed: removed.length, notRemoved: notRemoved.length, sessionsRevoked, signInBlocked }, 'takeover contained');
      return answer;
    },

    /** An approver revokes an issued pass with their own token (approvers group re-checked here). */
    async revoke(input: z.output<typeof ProvenRevokeRequestSchema>, ctx: { caller: string }): Promise<ProvenRevokeResponse> {
      const owned = await deps.requests.requests.get(input.requestId);
      if (!owned) throw new TapRefusal('request_unknown', 'no pass request with this id was opened through the backend');
      const approver = await deps.requests.prove(input.approverToken, input.approverId);
      if (same(owned.employee.id, approver.oid)) throw new TapRefusal('self_approval', 'the employee cannot act as approver on their own pass');
      if (!(await deps.isApprover(approver.oid))) {
        await audit({ action: 'tap.revoke_refused', actor: approver.oid, subject: owned.employee.id, details: { requestId: owned.id, reason: 'not_approver', caller: ctx.caller } });
        throw new TapRefusal('not_approver', 'only members of the approvers group can revoke a pass');
      }
      if (owned.state !== 'issued' && owned.state !== 'delivered' && owned.state !== 'revoked') throw new TapRefusal('request_not_open', `the pass request is ${owned.state}`, { state: owned.state });
      const revokedMethodIds: string[] = [];
      const methodId = owned.decision?.methodId;
      if (methodId && (await gateway.deleteTemporaryAccessPass(owned.employee.id, methodId))) revokedMethodIds.push(methodId);
      await deps.requests.markRevoked(owned.id, approver.oid, input.reason);
      await audit({ action: 'tap.revoked', actor: approver.oid, subject: owned.employee.id, details: { source: 'backend', requestId: owned.id, reason: input.reason, revokedMethodIds, approverProof: { authenticatedAt: approver.authenticatedAt }, caller: ctx.caller } });
      return { userId: owned.employee.id, revokedMethodIds };
    },

    pending: async () => ({ incidents: await deps.incidents.pending() }),
    posted: async (incidentId: string) => ({ recorded: await deps.incidents.markPosted(incidentId, clock.now().toISOString()) }),
  };
}

function strip(i: Incident): ContainResponse {
  const { requestId: _r, employeeUpn: _u, postedAt: _p, ...rest } = i;
  return rest;
}

export type ContainmentService = ReturnType<typeof createContainmentService>;
