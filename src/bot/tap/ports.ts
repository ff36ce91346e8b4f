/**
 * What the helpdesk / pass side of the bot calls on the privileged backend: a subset of
 * BackendClient (docs/backend-api.md), so tests can fake just these calls (the verification ladder's,
 * the install, containment and the person-proven controls are optional: a fake without them gets the
 * bot's "could not" answers).
 */
import type { BackendClient } from '../../backend/client';

export type HelpdeskBackend = Pick<
  BackendClient,
  | 'checkApprover'
  | 'riskProfile'
  | 'tapStatus'
  | 'revokeTap'
  | 'verificationStatus'
  | 'confirmCallback'
  | 'confirmManager'
  | 'campaignInstall'
  | 'containTakeover'
  | 'pendingIncidents'
  | 'incidentPosted'
  | 'revokeRequest'
  | 'cancelRequest'
  | 'startFaceCheck'
  | 'faceCheckStatus'
>;

/** A registered method as the backend reports it (kind in plain words, e.g. "Microsoft Authenticator"). */
export interface MethodChange {
  kind?: string;
  displayName?: string;
  createdDateTime?: string;
}
