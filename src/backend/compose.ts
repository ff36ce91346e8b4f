/**
 * The backend's services, composed from its dependencies (config, Graph gateway, stores, clock):
 * caller authentication, proof of the person (user tokens), diagnosis, devices, pass requests,
 * the verification ladder, issuance, containment and the risk profile. server.ts puts them
 * behind HTTP routes.
 */
import type { Config } from '../config';
import { diagnose as defaultDiagnose } from '../diagnosis';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { AuditLog, DocumentStore } from '../storage/types';
import { createCallerAuth, type CallerAuthenticator } from './auth/callerAuth';
import { createKeySource } from './auth/keys';
import { createUserTokenVerifier, createViewerTokenVerifier } from './auth/userToken';
import type { DirectoryGateway } from './graph/gateway';
import { createContainmentService } from './services/containmentService';
import { createDeviceService } from './services/deviceService';
import { createDiagnoseService, type DiagnoseFn } from './services/diagnoseService';
import { createRiskProfileService } from './services/riskProfileService';
import { createTapRequestService } from './services/tapRequestService';
import { createTapService } from './services/tapService';
import { createIncidentStore } from './tap/incidents';
import { isApprover } from './tap/issuance';
import { asDocumentStore, MemoryDocumentStore } from './tap/memoryStore';
import type { RequestServiceClient } from './verifiedId/requestServiceClient';
import { createFaceCheckEvidenceSource } from './verifiedId/records';
import type { FaceCheckEvidenceSource } from './verification/evidence';
import { DEFAULT_VERIFICATION_POLICY } from './verification/policy';
import { createVerificationService } from './verification/service';

/** Used when the config gives no approval settings: nobody is an approver (fail closed). */
const NO_APPROVALS: Pick<Config['approvals'], 'approversGroupId' | 'lifetimeMinutes' | 'perApproverPerHour' | 'perTenantPerHour' | 'requestTtlMinutes'> = {
  approversGroupId: undefined,
  lifetimeMinutes: undefined,
  perApproverPerHour: 10,
  perTenantPerHour: 50,
  requestTtlMinutes: 60,
};

export interface BackendDeps {
  config: Pick<Config, 'backend' | 'diagnosis' | 'proof' | 'verification' | 'verifiedId' | 'containment'> & Partial<Pick<Config, 'evaluation'>> & {
    graph: Pick<Config['graph'], 'tenantId'>;
    approvals?: Pick<Config['approvals'], 'approversGroupId' | 'lifetimeMinutes' | 'perApproverPerHour' | 'perTenantPerHour'> &
      Partial<Pick<Config['approvals'], 'requestTtlMinutes' | 'accountRecovery'>>;
  };
  gateway: DirectoryGateway;
  clock: Clock;
  logger: Logger;
  audit?: AuditLog;
  /**
   * The TAP issuance ledger and backend rate-limit windows (conditional writes). Default: `audit`
   * when it is also a DocumentStore (the SQLite store), else an in-memory store (one process only).
   */
  store?: DocumentStore;
  /** The diagnosis engine (default: src/diagnosis). */
  diagnose?: DiagnoseFn;
  /** Used to fetch the authority's JWKS in entra mode (default: global fetch). */
  fetch?: typeof fetch;
  /** The Verified ID Request Service: Face Check routes exist when this and config.verifiedId are given. */
  faceCheckClient?: RequestServiceClient;
  /**
   * Which routes this process serves: `directory` (the backend service: diagnosis, devices,
   * campaigns, approver check, risk profile), `issuer` (the TAP issuer service: /v1/tap/*,
   * /v1/incidents/*; client.ts `isIssuerRoute`) or `all` (one process, local mode and tests).
   */
  routes?: 'all' | 'directory' | 'issuer';
  /** Verified ID Face Check results for the verification ladder (src/backend/verifiedId/); absent = no Face Check. */
  faceCheck?: FaceCheckEvidenceSource;
}

export function composeServices(deps: BackendDeps) {
  const { logger } = deps;
  const authenticate: CallerAuthenticator = createCallerAuth({ backend: deps.config.backend, tenantId: deps.config.graph.tenantId, clock: deps.clock, fetch: deps.fetch });
  const diagnosis = createDiagnoseService({ gateway: deps.gateway, diagnose: deps.diagnose ?? defaultDiagnose, clock: deps.clock, config: deps.config, logger, audit: deps.audit });
  const devices = createDeviceService({ gateway: deps.gateway, clock: deps.clock, config: deps.config, logger, audit: deps.audit });
  const store = deps.store ?? asDocumentStore(deps.audit);
  if (!store) logger.warn('no DocumentStore given to the backend: TAP issuance is exactly-once within this process only');
  const tapStore = store ?? new MemoryDocumentStore();
  const approvals = { ...NO_APPROVALS, ...deps.config.approvals };
  const proof = deps.config.proof;
  // Proof of the person: user tokens from the tenant's authority (the simulator in local mode).
  const userTenant = deps.config.graph.tenantId || 'common';
  const userKeys = createKeySource({ url: `${deps.config.backend.authorityHost.replace(/\/+$/, '')}/${userTenant}/discovery/v2.0/keys`, clock: deps.clock, fetch: deps.fetch });
  const userTokenOptions = {
    keys: userKeys,
    authorityHost: deps.config.backend.authorityHost,
    tenantId: userTenant,
    audiences: proof?.audiences ?? [],
    maxAgeSeconds: proof?.maxAgeSeconds ?? 600,
    clock: deps.clock,
  };
  const verifyUser = createUserTokenVerifier(userTokenOptions);
  const verifyViewer = createViewerTokenVerifier(userTokenOptions);
  const tapRequests = createTapRequestService({
    store: tapStore,
    clock: deps.clock,
    logger,
    audit: deps.audit,
    verifyUser,
    requestTtlMinutes: approvals.requestTtlMinutes ?? 60,
    ...(proof?.approverAuthContext ? { approverAuthContext: proof.approverAuthContext } : {}),
  });
  const vipGroupId = deps.config.verification?.vipGroupId;
  const approverCheck = (userId: string) => isApprover({ gateway: deps.gateway, approvals, logger }, userId);
  // Face Check results the backend records from Verified ID callbacks (when Face Check is set up).
  const faceCheckEvidence = deps.faceCheck ?? (deps.config.verifiedId && deps.faceCheckClient ? createFaceCheckEvidenceSource(tapStore) : undefined);
  const verification = createVerificationService({
    gateway: deps.gateway,
    store: tapStore,
    clock: deps.clock,
    logger,
    audit: deps.audit,
    verifyUser,
    policy: deps.config.verification?.policy ?? DEFAULT_VERIFICATION_POLICY,
    ...(vipGroupId ? { vipGroupId } : {}),
    ...(faceCheckEvidence ? { faceCheck: faceCheckEvidence } : {}),
    isApprover: approverCheck,
    ...(proof?.approverAuthContext ? { approverAuthContext: proof.approverAuthContext } : {}),
  });
  const taps = createTapService({
    gateway: deps.gateway,
    store: tapStore,
    clock: deps.clock,
    logger,
    audit: deps.audit,
    requests: tapRequests,
    verification,
    config: { approvals, graph: deps.config.graph, backend: deps.config.backend, evaluation: deps.config.evaluation },
  });
  const containment = createContainmentService({
    gateway: deps.gateway,
    clock: deps.clock,
    logger,
    audit: deps.audit,
    requests: tapRequests,
    incidents: createIncidentStore(tapStore),
    isApprover: async (userId) => (await taps.checkApprover(userId)).approver,
    blockSignIn: deps.config.containment?.blockSignIn ?? false,
  });
  const risk = createRiskProfileService({ gateway: deps.gateway, clock: deps.clock, logger, audit: deps.audit, config: deps.config, ...(vipGroupId ? { vipGroupId } : {}) });
  return { authenticate, diagnosis, devices, tapRequests, verification, taps, containment, risk, verifyUser, verifyViewer, approverCheck, approvals, proof, vipGroupId, tapStore };
}
