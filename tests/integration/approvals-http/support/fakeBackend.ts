/**
 * The backend's pass endpoints as the helpdesk side sees them, with knobs for each rule and a record of every call. issueTap is idempotent per
 * requestId, like the real backend.
 */
import { randomBytes } from 'node:crypto';
import type {
  CancelRequest,
  CancelResponse,
  ContainRequest,
  ContainResponse,
  PendingIncidentsResponse,
  ProvenRevokeRequest,
  ProvenRevokeResponse,
  CallbackConfirmRequest,
  ManagerConfirmRequest,
  VerificationStatusRequest,
  VerificationStatusResponse,
  CheckApproverRequest,
  CheckApproverResponse,
  IssueTapRequest,
  IssueTapResponse,
  OpenTapRequest,
  OpenTapResponse,
  TapDeliveredRequest,
  TapDeliveredResponse,
  RevokeTapRequest,
  RevokeTapResponse,
  RiskProfileRequest,
  RiskProfileResponse,
  TapStatusRequest,
  TapStatusResponse,
  TapView,
  FaceCheckStatusRequest,
  FaceCheckStatusResponse,
  StartFaceCheckRequest,
  StartFaceCheckResponse,
} from '../../../../src/backend/api';
import type { Clock } from '../../../../src/shared/clock';
import type { UserTokenVerifier } from '../../../../src/backend/auth/userToken';
import { AppError } from '../../../../src/shared/errors';
import { errorFromResponse } from '../../../../src/backend/client';

export interface FakeUser {
  id: string;
  displayName: string;
  upn: string;
  /** Directory numbers (Graph `businessPhones` / `mobilePhone`). */
  businessPhones?: string[];
  mobilePhone?: string;
}

export class FakeTapBackend {
  readonly approvers = new Set<string>();
  readonly privileged = new Set<string>();
  readonly managers = new Map<string, FakeUser>();
  readonly issued = new Map<string, IssueTapResponse & { userId: string }>();
  readonly issueCalls: IssueTapRequest[] = [];
  readonly revokeCalls: RevokeTapRequest[] = [];
  readonly approverChecks: string[] = [];
  readonly users = new Map<string, FakeUser>();
  tapAllowed = true;
  /** What tapStatus reports for the issued pass (undefined = as issued: usable). */
  tapUsable: boolean | undefined;
  methodsSince: TapStatusResponse['methodsRegisteredSince'] = [];
  existingTap: TapView | null = null;
  /** Evaluation (shadow) mode: every rule passes, then the backend refuses with shadow_mode (as the real one answers 409). */
  shadow = false;

  /** Requests opened with a proven employee, by id. */
  readonly opened = new Map<string, OpenTapRequest>();
  readonly delivered: TapDeliveredRequest[] = [];
  /** Each refusal of a token (reason), to check the bot carried the right proof. */
  readonly proofRefusals: string[] = [];
  /** Face Check: every start call, the evidence "recorded" per request, and a failure to throw next. */
  readonly faceCheckCalls: StartFaceCheckRequest[] = [];
  readonly faceCheckEvidence = new Map<string, NonNullable<FaceCheckStatusResponse['evidence']>>();
  faceCheckFailure: AppError | undefined;

  constructor(
    private readonly clock: Clock,
    /** The backend's real token check over the test identity provider's keys. */
    private readonly verify?: UserTokenVerifier,
  ) {}

  private async prove(token: string | undefined, oid: string): Promise<void> {
    if (!this.verify) return;
    try {
      await this.verify(token, { oid });
    } catch (e) {
      const reason = e instanceof AppError ? String(e.details.reason ?? e.kind) : 'invalid_token';
      this.proofRefusals.push(reason);
      throw new AppError('refused', e instanceof Error ? e.message : 'unproven', { details: { reason: 'unproven' } });
    }
  }

  openTapRequest = async (request: OpenTapRequest): Promise<OpenTapResponse> => {
    await this.prove(request.employeeToken, request.employeeId);
    const requestId = `breq-${this.opened.size + 1}`;
    this.opened.set(requestId, request);
    const now = this.clock.now();
    return { requestId, employeeId: request.employeeId, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + 3600_000).toISOString() };
  };

  tapDelivered = async (request: TapDeliveredRequest): Promise<TapDeliveredResponse> => {
    this.delivered.push(request);
    return { recorded: true };
  };

  /** Like the real backend: the approver's own proof, the approvers group, then the Request Service. */
  startFaceCheck = async (request: StartFaceCheckRequest): Promise<StartFaceCheckResponse> => {
    this.faceCheckCalls.push(request);
    await this.prove(request.approverToken, request.approverId);
    if (!this.approvers.has(request.approverId)) throw new AppError('refused', 'only members of the approvers group can ask for a Face Check', { details: { reason: 'not_approver' } });
    const failure = this.faceCheckFailure;
    this.faceCheckFailure = undefined;
    if (failure) throw failure;
    const n = this.faceCheckCalls.length;
    return {
      presentationRequestId: `pres-${n}`,
      url: `openid-vc://?request_uri=https://verifiedid.did.msidentity.com/v1.0/tenant/verifiableCredentials/presentationRequests/pres-${n}`,
      expiresAt: new Date(this.clock.now().getTime() + 300_000).toISOString(),
      threshold: 70,
      employeeId: this.opened.get(request.requestId)?.employeeId ?? 'unknown',
    };
  };

  faceCheckStatus = async (request: FaceCheckStatusRequest): Promise<FaceCheckStatusResponse> => ({ evidence: this.faceCheckEvidence.get(request.requestId) ?? null });

  checkApprover = async (request: CheckApproverRequest): Promise<CheckApproverResponse> => {
    this.approverChecks.push(request.userId);
    return { approver: this.approvers.has(request.userId) };
  };

  riskProfile = async (request: RiskProfileRequest): Promise<RiskProfileResponse> => {
    const u = this.users.get(request.user);
    const m = this.managers.get(request.user);
    const now = this.clock.now().toISOString();
    return {
      user: {
        id: request.user,
        ...(u ? { userPrincipalName: u.upn, displayName: u.displayName } : {}),
        ...(u?.businessPhones ? { businessPhones: u.businessPhones } : {}),
        ...(u?.mobilePhone ? { mobilePhone: u.mobilePhone } : {}),
      },
      riskLevel: 'low',
      recentSignIns: [
        { id: 's1', createdDateTime: now, ipAddress: '203.0.113.7', location: 'Zurich, CH', errorCode: 53003, status: 'blocked by Conditional Access' },
      ],
      methodsAddedRecently: [],
      privileged: this.privileged.has(request.user),
      privilegedRoles: this.privileged.has(request.user) ? ['Global Administrator'] : [],
      accountCreated: '2024-01-15T08:00:00Z',
      ...(m ? { manager: { id: m.id, displayName: m.displayName, userPrincipalName: m.upn, businessPhones: ['+41 44 000 00 00'] } } : {}),
      tapPolicy: {
        allowed: this.tapAllowed,
        ...(this.tapAllowed ? {} : { reason: 'the Temporary Access Pass method is disabled' }),
        minLifetimeInMinutes: 10,
        maxLifetimeInMinutes: 480,
        defaultLifetimeInMinutes: 60,
        isUsableOnce: false,
      },
      existingTap: this.existingTap,
      gaps: [],
      profiledAt: now,
    };
  };

  /** The verification ladder (fakeLadder.ts sets these; absent = this backend has no ladder). */
  verificationStatus?: (request: VerificationStatusRequest) => Promise<VerificationStatusResponse>;
  confirmCallback?: (request: CallbackConfirmRequest) => Promise<VerificationStatusResponse>;
  confirmManager?: (request: ManagerConfirmRequest) => Promise<VerificationStatusResponse>;
  /** The verification ladder's check before a pass (fakeLadder.ts sets it; absent = not emulated). */
  ladderCheck?: (request: IssueTapRequest) => void;

  issueTap = async (request: IssueTapRequest): Promise<IssueTapResponse> => {
    this.issueCalls.push(request);
    if (this.verify && !this.opened.has(request.requestId)) throw new AppError('refused', 'no such request', { details: { reason: 'request_unknown' } });
    await this.prove(request.approverToken, request.approverId);
    if (!this.approvers.has(request.approverId)) throw new AppError('refused', 'not an approver', { details: { reason: 'not_approver' } });
    const known = this.issued.get(request.requestId);
    if (known) return known;
    if (!request.recoverLost) this.ladderCheck?.(request);
    if (this.shadow) {
      throw errorFromResponse(409, { error: { code: 'refused', reason: 'shadow_mode', requestId: 'req-1', message: 'Shadow mode: a pass would have been issued now (every rule passed); none was created.', details: { shadow: true } } });
    }
    const start = this.clock.now();
    const lifetime = request.lifetimeMinutes ?? 60;
    const issued = {
      userId: String(request.targetUser),
      pass: `P+${randomBytes(9).toString('base64url')}!`,
      methodId: `tap-${this.issued.size + 1}`,
      startDateTime: start.toISOString(),
      lifetimeInMinutes: lifetime,
      isUsableOnce: true,
      expiresAt: new Date(start.getTime() + lifetime * 60_000).toISOString(),
    };
    this.issued.set(request.requestId, issued);
    return issued;
  };

  revokeTap = async (request: RevokeTapRequest): Promise<RevokeTapResponse> => {
    this.revokeCalls.push(request);
    return { userId: String(request.targetUser), tapRevoked: true, revokedMethodIds: request.methodId ? [request.methodId] : [], sessionsRevoked: request.revokeSessions };
  };

  tapStatus = async (request: TapStatusRequest): Promise<TapStatusResponse> => {
    const pass = [...this.issued.values()].find((p) => p.methodId === request.methodId);
    const usable = this.tapUsable ?? true;
    return {
      userId: String(request.user),
      ...(pass
        ? { tap: { methodId: pass.methodId, isUsable: usable, reason: usable ? 'EnabledByPolicy' : 'OneTimeUsed', methodUsabilityReason: usable ? 'EnabledByPolicy' : 'OneTimeUsed', expiresAt: pass.expiresAt } }
        : {}),
      methodsRegisteredSince: this.methodsSince,
      checkedAt: this.clock.now().toISOString(),
    };
  };

  /** What "This wasn't me" removes (the real backend decides from Graph; tapContain.test.ts). */
  containRemoves: ContainResponse['removed'] = [];
  readonly containCalls: ContainRequest[] = [];
  readonly incidents = new Map<string, ContainResponse & { requestId: string; postedAt?: string }>();
  readonly revokeRequestCalls: ProvenRevokeRequest[] = [];
  readonly cancelCalls: CancelRequest[] = [];

  containTakeover = async (request: ContainRequest): Promise<ContainResponse> => {
    this.containCalls.push(request);
    await this.prove(request.employeeToken, request.employeeId);
    const known = [...this.incidents.values()].find((i) => i.requestId === request.requestId);
    if (known) return known;
    const pass = this.issued.get(request.requestId);
    const answer: ContainResponse = {
      incidentId: `inc-${this.incidents.size + 1}`,
      userId: request.employeeId,
      removed: this.containRemoves,
      notRemoved: [],
      passesRemoved: pass ? [pass.methodId] : [],
      sessionsRevoked: true,
      signInBlocked: false,
      signInBlockConfigured: false,
      auditLogUnavailable: false,
      containedAt: this.clock.now().toISOString(),
    };
    this.incidents.set(answer.incidentId, { ...answer, requestId: request.requestId });
    return answer;
  };

  pendingIncidents = async (): Promise<PendingIncidentsResponse> => ({ incidents: [...this.incidents.values()].filter((i) => !i.postedAt) });

  incidentPosted = async (incidentId: string): Promise<{ recorded: boolean }> => {
    const i = this.incidents.get(incidentId);
    if (i) i.postedAt = this.clock.now().toISOString();
    return { recorded: i !== undefined };
  };

  revokeRequest = async (request: ProvenRevokeRequest): Promise<ProvenRevokeResponse> => {
    this.revokeRequestCalls.push(request);
    await this.prove(request.approverToken, request.approverId);
    if (!this.approvers.has(request.approverId)) throw new AppError('refused', 'only members of the approvers group can revoke a pass', { details: { reason: 'not_approver' } });
    const pass = this.issued.get(request.requestId);
    return { userId: pass?.userId ?? '', revokedMethodIds: pass ? [pass.methodId] : [] };
  };

  cancelRequest = async (request: CancelRequest): Promise<CancelResponse> => {
    this.cancelCalls.push(request);
    await this.prove(request.employeeToken, request.employeeId);
    return { cancelled: true };
  };

  /** Every pass handed out, to search for leaks. */
  passes(): string[] {
    return [...this.issued.values()].map((p) => p.pass);
  }
}
