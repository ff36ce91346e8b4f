/**
 * Face Check for a pass request (docs/security-model.md, entra-graph-2026.md §19):
 *  - start: only a proven approver (own token, optional auth context) who is in the approvers group
 *    and not the employee, for an open pass request the backend owns; the backend creates the
 *    presentation request with its own random `state` and the api-key callback header;
 *  - callback: the api-key must match (constant time), `state` must name a session and `requestId`
 *    its presentation; the credential's mail/UPN must be the employee's; each result is recorded once
 *    as FaceCheckEvidence (score, threshold, passed, claimMatched).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import type { VerifiedIdConfig } from '../../config';
import type { Clock } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import { newId } from '../../shared/ids';
import type { Logger } from '../../shared/logger';
import type { AuditLog, AuditRecord, DocumentStore } from '../../storage/types';
import type { FaceCheckStatusRequestSchema, FaceCheckStatusResponse, StartFaceCheckRequestSchema, StartFaceCheckResponse } from '../api';
import type { UserTokenVerifier } from '../auth/userToken';
import type { DirectoryGateway } from '../graph/gateway';
import { prove } from '../services/tapRequestService';
import { createOwnedRequests } from '../tap/ownedRequests';
import { TapRefusal } from '../tap/refusal';
import type { FaceCheckEvidence } from '../verification/evidence';
import { createFaceCheckEvidenceSource, createFaceCheckRecords, type FaceCheckSession } from './records';
import type { RequestServiceClient } from './requestServiceClient';
import { CallbackSchema, type Callback, type PresentedCredential } from './wire';

export const CALLBACK_PATH = '/api/verifier/presentationcallback';

export interface FaceCheckServiceDeps {
  store: DocumentStore;
  clock: Clock;
  logger: Logger;
  audit?: AuditLog;
  gateway: Pick<DirectoryGateway, 'getUser'>;
  /** The backend's own approvers-group check (APPROVERS_GROUP_ID). */
  isApprover: (userId: string) => Promise<boolean>;
  client: RequestServiceClient;
  verifyUser: UserTokenVerifier;
  approverAuthContext?: string;
  /** Read at each call (the callback base may be known only once the backend listens). */
  settings: () => VerifiedIdConfig;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
/** Constant-time comparison of the callback's api-key with ours. */
export function sameKey(given: string | undefined, expected: string): boolean {
  return typeof given === 'string' && given.length > 0 && timingSafeEqual(digest(given), digest(expected));
}

const lower = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v.toLowerCase() : undefined);

/** The claims compared with the employee: mail, and a UPN if the card carries one (revocationId of VerifiedEmployee is the UPN). */
function presentedIds(c: PresentedCredential): string[] {
  return ['mail', 'userPrincipalName', 'upn', 'revocationId'].map((k) => lower(c.claims[k])).filter((v): v is string => v !== undefined);
}

export function createFaceCheckService(deps: FaceCheckServiceDeps) {
  const records = createFaceCheckRecords(deps.store);
  const requests = createOwnedRequests(deps.store);
  const evidence = createFaceCheckEvidenceSource(deps.store);
  const audit = async (r: Omit<AuditRecord, 'at'>) => {
    if (deps.audit) await deps.audit.append({ at: deps.clock.now().toISOString(), ...r });
  };

  async function result(session: FaceCheckSession, cb: Exclude<Callback, { requestStatus: 'request_retrieved' }>): Promise<void> {
    const s = deps.settings();
    const verified = cb.requestStatus === 'presentation_verified';
    const credential = verified ? cb.verifiedCredentialsData[0] : undefined;
    const score = credential?.faceCheck?.matchConfidenceScore;
    const fromAuthority = credential !== undefined && credential.issuer === s.authority;
    const claimMatched = credential !== undefined && presentedIds(credential).some((id) => session.expectedClaims.includes(id));
    const passed = verified && fromAuthority && score !== undefined && score >= session.threshold;
    if (!(await records.advance(session.state, ['created', 'retrieved'], passed ? 'verified' : 'failed'))) return;
    const record: FaceCheckEvidence = {
      kind: 'faceCheck',
      presentationRequestId: session.presentationRequestId,
      ...(score !== undefined ? { matchConfidenceScore: score } : {}),
      threshold: session.threshold,
      passed,
      claimMatched,
      at: deps.clock.now().toISOString(),
    };
    await records.addEvidence(session.passRequestId, session.state, record);
    const why = cb.requestStatus === 'presentation_error' ? cb.error?.code : fromAuthority ? undefined : 'issuer_not_authority';
    await audit({ action: 'faceCheck.result', actor: 'system', subject: session.employeeId, details: { requestId: session.passRequestId, presentationRequestId: session.presentationRequestId, score: score ?? null, threshold: session.threshold, passed, claimMatched, ...(why ? { error: why } : {}) } });
    deps.logger.info({ tapRequestId: session.passRequestId, passed, claimMatched }, 'face check result recorded');
  }

  return {
    evidence,

    async start(input: z.output<typeof StartFaceCheckRequestSchema>): Promise<StartFaceCheckResponse> {
      const owned = await requests.get(input.requestId);
      if (!owned) throw new TapRefusal('request_unknown', 'no pass request with this id was opened through the backend');
      const approver = await prove(deps.verifyUser, input.approverToken, input.approverId, deps.approverAuthContext);
      if (approver.oid.toLowerCase() === owned.employee.id.toLowerCase()) throw new TapRefusal('self_approval', 'nobody can verify their own pass request');
      if (!(await deps.isApprover(approver.oid))) {
        throw new TapRefusal('not_approver', 'only members of the approvers group can ask for a Face Check');
      }
      if (owned.state !== 'open' || Date.parse(owned.expiresAt) <= deps.clock.now().getTime()) throw new TapRefusal('request_not_open', 'the pass request is no longer open', { state: owned.state });
      const employee = await deps.gateway.getUser(owned.employee.id);
      const expectedClaims = [lower(employee.mail), lower(employee.userPrincipalName)].filter((v): v is string => v !== undefined);
      const s = deps.settings();
      const state = newId();
      const created = await deps.client.createPresentationRequest({
        authority: s.authority,
        clientName: 'IT helpdesk',
        purpose: 'To prove it is you before the helpdesk gives you a Temporary Access Pass',
        callbackUrl: `${s.callbackBaseUrl}${CALLBACK_PATH}`,
        state,
        apiKey: s.apiKey,
        threshold: s.threshold,
      });
      const expiresAt = new Date(created.expiry * 1000).toISOString();
      await records.createSession({ state, passRequestId: owned.id, employeeId: owned.employee.id, expectedClaims, presentationRequestId: created.requestId, threshold: s.threshold, approverId: approver.oid, createdAt: deps.clock.now().toISOString(), expiresAt, status: 'created' });
      await audit({ action: 'faceCheck.requested', actor: approver.oid, subject: owned.employee.id, details: { requestId: owned.id, presentationRequestId: created.requestId, threshold: s.threshold } });
      return { presentationRequestId: created.requestId, url: created.url, expiresAt, threshold: s.threshold, employeeId: owned.employee.id };
    },

    /** A Request Service callback; throws AppError (401 wrong key, 400 bad body, 404 unknown state). */
    async callback(apiKey: string | undefined, body: unknown): Promise<{ recorded: boolean }> {
      if (!sameKey(apiKey, deps.settings().apiKey)) throw new AppError('unauthenticated', 'missing or wrong api-key');
      const parsed = CallbackSchema.safeParse(body);
      if (!parsed.success) throw new AppError('bad_request', 'not a presentation callback');
      const cb = parsed.data;
      const session = await records.getSession(cb.state);
      if (!session) throw new AppError('not_found', 'no Face Check with this state');
      if (session.presentationRequestId !== cb.requestId) throw new AppError('bad_request', 'the callback is for another presentation request');
      if (cb.requestStatus === 'request_retrieved') {
        await records.advance(session.state, ['created'], 'retrieved');
        return { recorded: false };
      }
      await result(session, cb);
      return { recorded: true };
    },

    async status(input: z.output<typeof FaceCheckStatusRequestSchema>): Promise<FaceCheckStatusResponse> {
      return { evidence: (await evidence.latest(input.requestId)) ?? null };
    },
  };
}

export type FaceCheckService = ReturnType<typeof createFaceCheckService>;
