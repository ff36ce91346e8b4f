/**
 * App-only client of the Verified ID Request Service: createPresentationRequest with Face Check
 * (entra-graph-2026.md §19.2). Failures become RequestServiceError carrying the service's own codes
 * (outer `error.code`, `innererror.code`/`target`), so a fake can fail exactly like the service.
 * The bearer token and the callback api-key are never logged or put into an error.
 */
import { AppError } from '../../shared/errors';
import { PresentationCreatedSchema, RequestServiceErrorBodySchema, type PresentationCreated } from './wire';

export interface PresentationRequestInput {
  authority: string;
  clientName: string;
  purpose: string;
  callbackUrl: string;
  state: string;
  apiKey: string;
  threshold: number;
}

export interface RequestServiceClient {
  createPresentationRequest(input: PresentationRequestInput): Promise<PresentationCreated>;
}

export interface RequestServiceClientOptions {
  /** Base URL without /v1.0 (https://verifiedid.did.msidentity.com, or the simulator). */
  baseUrl: string;
  getToken: () => Promise<string>;
  timeoutMs: number;
  fetch?: typeof fetch;
}

/** The Request Service answered an error (status 0: no answer at all). */
export class RequestServiceError extends AppError {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly innerCode?: string,
    readonly target?: string,
    readonly retryAfterSeconds?: number,
  ) {
    const kind = status === 429 ? 'rate_limited' : status === 0 || status >= 500 ? 'unavailable' : 'config';
    super(kind, message, { expected: status === 429, details: { status, code, ...(innerCode ? { innerCode } : {}), ...(target ? { target } : {}) } });
    this.name = 'RequestServiceError';
  }

  /** Throttled or down: worth trying again later (the service's `transientError`). */
  get transient(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

/** The presentation request body (§19.2): VerifiedEmployee with Face Check on the `photo` claim, no receipt. */
export function presentationBody(i: PresentationRequestInput): Record<string, unknown> {
  return {
    authority: i.authority,
    includeQRCode: false,
    includeReceipt: false,
    registration: { clientName: i.clientName, purpose: i.purpose },
    callback: { url: i.callbackUrl, state: i.state, headers: { 'api-key': i.apiKey } },
    requestedCredentials: [
      {
        type: 'VerifiedEmployee',
        acceptedIssuers: [i.authority],
        configuration: { validation: { allowRevoked: false, validateLinkedDomain: true, faceCheck: { sourcePhotoClaimName: 'photo', matchConfidenceThreshold: i.threshold } } },
      },
    ],
  };
}

function retryAfter(res: Response): number | undefined {
  const v = Number(res.headers.get('retry-after'));
  return Number.isFinite(v) && v >= 0 ? v : undefined;
}

export function createRequestServiceClient(o: RequestServiceClientOptions): RequestServiceClient {
  const url = `${o.baseUrl.replace(/\/+$/, '')}/v1.0/verifiableCredentials/createPresentationRequest`;
  return {
    async createPresentationRequest(input) {
      let token: string;
      try {
        token = await o.getToken();
      } catch (e) {
        throw new RequestServiceError(0, 'noToken', `no token for the Verified ID Request Service (${e instanceof Error ? e.message : 'error'})`);
      }
      let res: Response;
      try {
        res = await (o.fetch ?? fetch)(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(presentationBody(input)),
          signal: AbortSignal.timeout(o.timeoutMs),
        });
      } catch (e) {
        throw new RequestServiceError(0, 'unreachable', `the Verified ID Request Service could not be reached (${e instanceof Error ? e.name : 'error'})`);
      }
      const json: unknown = await res.json().catch(() => null);
      if (res.status === 201 || res.ok) {
        const created = PresentationCreatedSchema.safeParse(json);
        if (created.success) return created.data;
        throw new RequestServiceError(502, 'badResponse', 'the Verified ID Request Service answered with an unexpected shape');
      }
      const err = RequestServiceErrorBodySchema.safeParse(json);
      const e = err.success ? err.data.error : undefined;
      const inner = e?.innererror;
      const what = e ? `${e.code}${inner ? `/${inner.code}` : ''}: ${inner?.message ?? e.message}` : `HTTP ${res.status}`;
      throw new RequestServiceError(res.status, e?.code ?? `http${res.status}`, `the Verified ID Request Service refused the presentation request (${res.status} ${what})`, inner?.code, inner?.target, retryAfter(res));
    },
  };
}
