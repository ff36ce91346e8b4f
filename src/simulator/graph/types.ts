/** The internal request/response model shared by standalone HTTP requests and $batch items. */
import type { Clock } from '../../shared/clock';
import type { AccessClaims } from '../auth/tokenService';
import type { Membership } from '../tenant/membership';
import type { RegistrationDetails } from '../tenant/registration';
import type { SimTenant } from '../types';

export interface GraphRequest {
  method: string;
  /** Decoded path without /v1.0, e.g. "/users/adele@contoso.example/authentication/methods". */
  path: string;
  /** Raw (still encoded) path without /v1.0, for nextLinks. */
  rawPath: string;
  /** Decoded path segments. */
  segments: string[];
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: unknown;
  claims: AccessClaims;
  requestId: string;
  clientRequestId: string;
}

export interface GraphResponse {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

export interface GraphContext {
  tenant: SimTenant;
  clock: Clock;
  membership: Membership;
  registration: RegistrationDetails;
  /** https://localhost:PORT */
  baseUrl(): string;
}

/** Thrown by handlers; dispatch turns it into a Graph error response. */
export class GraphFault extends Error {
  readonly status: number;
  readonly code: string;
  readonly innerMessage?: string;
  readonly headers: Record<string, string>;
  constructor(status: number, code: string, message: string, opts: { innerMessage?: string; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = 'GraphFault';
    this.status = status;
    this.code = code;
    if (opts.innerMessage !== undefined) this.innerMessage = opts.innerMessage;
    this.headers = opts.headers ?? {};
  }
}

export const notFound = (what: string) =>
  new GraphFault(404, 'Request_ResourceNotFound', `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`);

export const badRequest = (message: string, code = 'BadRequest') => new GraphFault(400, code, message);
