/**
 * Typed HTTP client of the privileged backend API (see api.ts). The one file of backend/ that
 * the bot side (bot/, approvals/, campaigns/) may import.
 */
import type { z } from 'zod';
import { AppError, type ErrorKind } from '../shared/errors';
import {
  CancelResponseSchema,
  ContainResponseSchema,
  IncidentPostedResponseSchema,
  PendingIncidentsResponseSchema,
  ProvenRevokeResponseSchema,
  type CancelRequest,
  type CancelResponse,
  type ContainRequest,
  type ContainResponse,
  type PendingIncidentsResponse,
  type ProvenRevokeRequest,
  type ProvenRevokeResponse,
  ApiErrorBodySchema,
  CampaignInstallResponseSchema,
  CampaignRegistrationResponseSchema,
  CampaignTargetsResponseSchema,
  type CampaignInstallRequest,
  type CampaignInstallResponse,
  type CampaignRegistrationRequest,
  type CampaignRegistrationResponse,
  type CampaignTargetsRequest,
  type CampaignTargetsResponse,
  CheckApproverResponseSchema,
  InsightsViewerResponseSchema,
  type InsightsViewerRequest,
  type InsightsViewerResponse,
  DeleteStaleDeviceResponseSchema,
  DiagnoseResponseSchema,
  IssueTapResponseSchema,
  OpenTapResponseSchema,
  RevokeTapResponseSchema,
  TapDeliveredResponseSchema,
  type OpenTapRequest,
  type OpenTapResponse,
  type TapDeliveredRequest,
  type TapDeliveredResponse,
  RiskProfileResponseSchema,
  TapStatusResponseSchema,
  FaceCheckStatusResponseSchema,
  StartFaceCheckResponseSchema,
  type FaceCheckStatusRequest,
  type FaceCheckStatusResponse,
  type StartFaceCheckRequest,
  type StartFaceCheckResponse,
  type ApiErrorCode,
  type CheckApproverRequest,
  type CheckApproverResponse,
  type DeleteStaleDeviceRequest,
  type DeleteStaleDeviceResponse,
  type DiagnoseRequest,
  type DiagnoseResponse,
  type IssueTapRequest,
  type IssueTapResponse,
  type RevokeTapRequest,
  type RevokeTapResponse,
  type RiskProfileRequest,
  type RiskProfileResponse,
  type TapStatusRequest,
  type TapStatusResponse,
  CohortSnapshotResponseSchema,
  PasskeyTargetsResponseSchema,
  type CohortSnapshotRequest,
  type CohortSnapshotResponse,
  type PasskeyTargetsRequest,
  type PasskeyTargetsResponse,
  RecoveryEligibilityResponseSchema,
  VerificationStatusResponseSchema,
  type CallbackConfirmRequest,
  type ManagerConfirmRequest,
  type RecoveryEligibilityRequest,
  type RecoveryEligibilityResponse,
  type VerificationStatusRequest,
  type VerificationStatusResponse,
} from './api';

export interface BackendClient {
  diagnose(request: DiagnoseRequest): Promise<DiagnoseResponse>;
  deleteStaleDevice(request: DeleteStaleDeviceRequest): Promise<DeleteStaleDeviceResponse>;
  /**
   * Issues a one-time Temporary Access Pass, at most once per requestId. Refusals are AppError kind
   * `refused` with `details.reason` (TAP_REFUSAL_REASONS); a repeated requestId is kind `conflict`.
   */
  issueTap(request: IssueTapRequest): Promise<IssueTapResponse>;
  /**
   * Opens the pass request the backend owns, with the employee's own token (their proof).
   * Optional (like the campaign calls) so fakes without pass requests need not implement it.
   */
  openTapRequest?(request: OpenTapRequest): Promise<OpenTapResponse>;
  /** Records that the pass reached the employee: from then on it cannot be "recovered". */
  tapDelivered?(request: TapDeliveredRequest): Promise<TapDeliveredResponse>;
  revokeTap(request: RevokeTapRequest): Promise<RevokeTapResponse>;
  checkApprover(request: CheckApproverRequest): Promise<CheckApproverResponse>;
  /** The insights tab: who the Teams SSO token names and whether they are an approver (optional: older backends lack it). */
  insightsViewer?(request: InsightsViewerRequest): Promise<InsightsViewerResponse>;
  riskProfile(request: RiskProfileRequest): Promise<RiskProfileResponse>;
  tapStatus(request: TapStatusRequest): Promise<TapStatusResponse>;
  /** Verified ID Face Check for a pass request, with the approver's own token (optional: absent when not set up). */
  startFaceCheck?(request: StartFaceCheckRequest): Promise<StartFaceCheckResponse>;
  /** The newest Face Check result the backend recorded for a pass request. */
  faceCheckStatus?(request: FaceCheckStatusRequest): Promise<FaceCheckStatusResponse>;
  /** "This wasn't me" with the employee's own token (optional so fakes need not implement it). */
  containTakeover?(request: ContainRequest): Promise<ContainResponse>;
  /** Incidents the backend raised that the bot has not yet posted to the helpdesk channel. */
  pendingIncidents?(): Promise<PendingIncidentsResponse>;
  incidentPosted?(incidentId: string): Promise<{ recorded: boolean }>;
  /** An approver revokes an issued pass with their own token. */
  revokeRequest?(request: ProvenRevokeRequest): Promise<ProvenRevokeResponse>;
  /** The employee cancels their open request with their own token. */
  cancelRequest?(request: CancelRequest): Promise<CancelResponse>;
  /** Campaigns (optional so fakes that do not run campaigns need not implement them). */
  campaignTargets?(request: CampaignTargetsRequest): Promise<CampaignTargetsResponse>;
  campaignInstall?(request: CampaignInstallRequest): Promise<CampaignInstallResponse>;
  campaignRegistration?(request: CampaignRegistrationRequest): Promise<CampaignRegistrationResponse>;
  /** Passkey campaigns: phone cohorts (api/passkeyCampaigns.ts). */
  campaignPasskeyTargets?(request: PasskeyTargetsRequest): Promise<PasskeyTargetsResponse>;
  campaignCohortSnapshot?(request: CohortSnapshotRequest): Promise<CohortSnapshotResponse>;
  /** The verification ladder (api/verification.ts; optional so fakes without it need not implement it). */
  verificationStatus?(request: VerificationStatusRequest): Promise<VerificationStatusResponse>;
  /** The approver confirms the call-back on the directory number, with their own token. */
  confirmCallback?(request: CallbackConfirmRequest): Promise<VerificationStatusResponse>;
  /** The manager confirms or declines, with their own token; the backend checks they are the directory manager. */
  confirmManager?(request: ManagerConfirmRequest): Promise<VerificationStatusResponse>;
  recoveryEligibility?(request: RecoveryEligibilityRequest): Promise<RecoveryEligibilityResponse>;
}

export interface BackendClientOptions {
  baseUrl: string;
  /** The TAP issuer service (pass requests, issuance, revocation, containment, incidents); default: baseUrl. */
  issuerBaseUrl?: string;
  /** The bearer credential: the local key, or an Entra access token for the backend audience. */
  getToken: () => Promise<string>;
  timeoutMs: number;
  fetch?: typeof fetch;
}

const KIND_OF: Record<ApiErrorCode, ErrorKind> = {
  bad_request: 'bad_request',
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  not_found: 'not_found',
  user_not_found: 'not_found',
  conflict: 'conflict',
  refused: 'refused',
  rate_limited: 'rate_limited',
  graph_unavailable: 'unavailable',
  verified_id_unavailable: 'unavailable',
  internal: 'internal',
};

function kindForStatus(status: number): ErrorKind {
  if (status >= 500) return 'unavailable';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  return 'bad_request';
}

/** Maps an error answer to AppError: expected for user-facing outcomes, unexpected for our bugs/outages. */
export function errorFromResponse(status: number, body: unknown): AppError {
  const parsed = ApiErrorBodySchema.safeParse(body);
  if (!parsed.success) {
    const kind = kindForStatus(status);
    return new AppError(kind, `backend answered ${status}`, { expected: kind !== 'unavailable' && status < 500, details: { status } });
  }
  const { code, message, requestId, reason, details } = parsed.data.error;
  // A 5xx is an outage whatever the code says (internal included): the caller may retry later.
  const kind = status >= 500 ? 'unavailable' : KIND_OF[code];
  const expected = ['bad_request', 'not_found', 'refused', 'conflict', 'rate_limited'].includes(kind) || code === 'user_not_found';
  return new AppError(kind, message, { expected, details: { ...details, status, code, ...(requestId ? { requestId } : {}), ...(reason ? { reason } : {}) } });
}

/** The error of a call that got no answer (refused, reset, DNS, or `timeoutMs` passed): an outage, not our bug. */
export function unreachableError(cause: unknown): AppError {
  return new AppError('unavailable', 'the backend could not be reached', { expected: false, cause });
}

/** Routes served by the TAP issuer service (src/backend/server.ts `ISSUER_ROUTES`). */
export function isIssuerRoute(path: string): boolean {
  return path.startsWith('/v1/tap/') || path.startsWith('/v1/incidents/');
}

export function createBackendClient(opts: BackendClientOptions): BackendClient {
  const doFetch = opts.fetch ?? fetch;
  const base = opts.baseUrl.replace(/\/+$/, '');
  const issuer = (opts.issuerBaseUrl ?? opts.baseUrl).replace(/\/+$/, '');

  async function call<S extends z.ZodTypeAny>(path: string, body: unknown, schema: S): Promise<z.infer<S>> {
    let res: Response;
    try {
      const token = await opts.getToken();
      res = await doFetch(`${isIssuerRoute(path) ? issuer : base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
    } catch (e) {
      throw unreachableError(e);
    }
    let json: unknown;
    try {
      const text = await res.text();
      json = text ? (JSON.parse(text) as unknown) : null;
    } catch (e) {
      if (!res.ok) throw errorFromResponse(res.status, null);
      throw new AppError('internal', `the backend answered ${path} with invalid JSON`, { cause: e });
    }
    if (!res.ok) throw errorFromResponse(res.status, json);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError('internal', `the backend answered ${path} with an unexpected shape (${issue ? issue.path.join('.') : ''}: ${issue?.message ?? ''})`);
    }
    return parsed.data as z.infer<S>;
  }

  return {
    diagnose: (request) => call('/v1/diagnose', request, DiagnoseResponseSchema),
    deleteStaleDevice: (request) => call('/v1/devices/delete-stale', request, DeleteStaleDeviceResponseSchema),
    issueTap: (request) => call('/v1/tap/issue', request, IssueTapResponseSchema),
    openTapRequest: (request) => call('/v1/tap/requests', request, OpenTapResponseSchema),
    tapDelivered: (request) => call('/v1/tap/delivered', request, TapDeliveredResponseSchema),
    revokeTap: (request) => call('/v1/tap/revoke', request, RevokeTapResponseSchema),
    checkApprover: (request) => call('/v1/approvers/check', request, CheckApproverResponseSchema),
    insightsViewer: (request) => call('/v1/insights/viewer', request, InsightsViewerResponseSchema),
    riskProfile: (request) => call('/v1/users/risk-profile', request, RiskProfileResponseSchema),
    tapStatus: (request) => call('/v1/tap/status', request, TapStatusResponseSchema),
    startFaceCheck: (request) => call('/v1/verification/face-check/start', request, StartFaceCheckResponseSchema),
    faceCheckStatus: (request) => call('/v1/verification/face-check/status', request, FaceCheckStatusResponseSchema),
    containTakeover: (request) => call('/v1/tap/contain', request, ContainResponseSchema),
    pendingIncidents: () => call('/v1/incidents/pending', {}, PendingIncidentsResponseSchema),
    incidentPosted: (incidentId) => call('/v1/incidents/posted', { incidentId }, IncidentPostedResponseSchema),
    revokeRequest: (request) => call('/v1/tap/requests/revoke', request, ProvenRevokeResponseSchema),
    cancelRequest: (request) => call('/v1/tap/requests/cancel', request, CancelResponseSchema),
    campaignTargets: (request) => call('/v1/campaigns/targets', request, CampaignTargetsResponseSchema),
    campaignInstall: (request) => call('/v1/campaigns/install', request, CampaignInstallResponseSchema),
    campaignRegistration: (request) => call('/v1/campaigns/registration', request, CampaignRegistrationResponseSchema),
    campaignPasskeyTargets: (request) => call('/v1/campaigns/passkey-targets', request, PasskeyTargetsResponseSchema),
    campaignCohortSnapshot: (request) => call('/v1/campaigns/cohort-snapshot', request, CohortSnapshotResponseSchema),
    verificationStatus: (request) => call('/v1/tap/verification', request, VerificationStatusResponseSchema),
    confirmCallback: (request) => call('/v1/tap/verification/callback', request, VerificationStatusResponseSchema),
    confirmManager: (request) => call('/v1/tap/verification/manager', request, VerificationStatusResponseSchema),
    recoveryEligibility: (request) => call('/v1/recovery/eligibility', request, RecoveryEligibilityResponseSchema),
  };
}
