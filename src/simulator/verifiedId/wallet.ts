/**
 * SIMULATOR-ONLY CONTROL: `POST /_sim/verifiedId/present` plays Microsoft Authenticator for a test or
 * the demo: "employee X presents their VerifiedEmployee card for request R with Face Check score S".
 * The stand-in then POSTs to the request's callback URL, with its callback headers (api-key), the
 * same payloads the Request Service sends (entra-graph-2026.md §19.3): `request_retrieved`, then
 * `presentation_verified` (claims of X, faceCheck.matchConfidenceScore) or, below the threshold,
 * `presentation_error` (claimValidationError, no score). Nothing like it exists in the real service.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { z } from 'zod';
import type { Clock } from '../../shared/clock';
import type { HttpResult } from '../auth/tokenService';
import { findUser, type SimTenant, type SimUser } from '../types';
import { JSON_HEADERS } from './errors';
import type { PresentationSession, VerifiedIdService } from './service';

export const PRESENT_PATH = '/_sim/verifiedId/present';

const ControlSchema = z
  .object({
    /** The Request Service `requestId` of the presentation request (from the 201 answer). */
    requestId: z.string().min(1),
    /** Who holds the phone: their card's claims are presented (id or UPN of a fixture user). */
    user: z.string().min(1),
    /** Face Check match confidence; default the user's `@sim.faceCheck.matchConfidenceScore`, else 90. */
    score: z.number().min(0).max(100).optional(),
  })
  .strict();

export interface CallbackSent {
  requestStatus: string;
  /** HTTP status the callback URL answered (0 when it could not be reached). */
  status: number;
}

const answer = (status: number, body: unknown): HttpResult => ({ status, headers: JSON_HEADERS, body });
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The fixture's per-user Face Check settings (`users[].@sim.faceCheck`). */
export interface SimFaceCheck {
  matchConfidenceScore?: number;
  sourcePhotoQuality?: string;
  /** false: the user never got a VerifiedEmployee card from MyAccount. */
  hasCard?: boolean;
}

/** A VerifiedEmployee card's claims, from the user's directory properties (MyAccount issues them so). */
function claimsOf(user: SimUser): Record<string, string> {
  const p = user.props;
  const claims: Record<string, string | undefined> = {
    revocationId: user.upn,
    displayName: text(p.displayName),
    givenName: text(p.givenName),
    surname: text(p.surname),
    jobTitle: text(p.jobTitle),
    preferredLanguage: text(p.preferredLanguage),
    mail: text(p.mail) ?? user.upn,
  };
  return Object.fromEntries(Object.entries(claims).filter((e): e is [string, string] => e[1] !== undefined));
}

function verifiedPayload(s: PresentationSession, user: SimUser, score: number, clock: Clock, quality: string): Record<string, unknown> {
  const issuer = s.request.acceptedIssuers[0] ?? s.request.authority;
  const now = clock.now();
  return {
    requestId: s.requestId,
    requestStatus: 'presentation_verified',
    state: s.request.callback.state,
    subject: `did:web:${user.id}.wallet.localhost`,
    verifiedCredentialsData: [
      {
        issuer,
        type: ['VerifiableCredential', s.request.credentialType],
        claims: claimsOf(user),
        credentialState: { revocationStatus: 'VALID' },
        domainValidation: { url: `https://${issuer.replace(/^did:web:/, '')}/` },
        issuanceDate: new Date(now.getTime() - 30 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z'),
        expirationDate: new Date(now.getTime() + 335 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z'),
        ...(s.request.faceCheck ? { faceCheck: { matchConfidenceScore: score, sourcePhotoQuality: quality } } : {}),
      },
    ],
  };
}

/** One callback POST on its own connection (no pooled keep-alive socket that a restarted receiver may have closed). */
function post(url: string, headers: Record<string, string>, body: unknown): Promise<number> {
  const data = Buffer.from(JSON.stringify(body), 'utf8');
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return resolve(0);
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(target, { method: 'POST', agent: false, timeout: 10_000, headers: { 'content-type': 'application/json', 'content-length': String(data.length), ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    req.end(data);
  });
}

export function createWallet(deps: { tenant: SimTenant; clock: Clock; service: Pick<VerifiedIdService, 'session'> }) {
  return async function present(rawBody: string): Promise<HttpResult> {
    let json: unknown;
    try {
      json = JSON.parse(rawBody) as unknown;
    } catch {
      return answer(400, { error: { code: 'badRequest', message: 'body: not valid JSON' } });
    }
    const parsed = ControlSchema.safeParse(json);
    if (!parsed.success) return answer(400, { error: { code: 'badRequest', message: parsed.error.issues[0]?.message ?? 'invalid body' } });
    const c = parsed.data;
    const s = deps.service.session(c.requestId);
    if (!s) return answer(404, { error: { code: 'notFound', message: `no presentation request ${c.requestId}` } });
    if (s.done) return answer(409, { error: { code: 'conflict', message: 'this presentation request was already presented' } });
    if (s.expiry * 1000 <= deps.clock.now().getTime()) return answer(410, { error: { code: 'expired', message: 'the presentation request expired' } });
    const user = findUser(deps.tenant, c.user);
    if (!user) return answer(404, { error: { code: 'notFound', message: `no user ${c.user}` } });
    const fc = user.faceCheck ?? {};
    if (fc.hasCard === false) return answer(409, { error: { code: 'noCard', message: `${user.upn} has no VerifiedEmployee card (MyAccount issues one)` } });
    s.done = true;
    const { url, state, headers } = s.request.callback;
    const sent: CallbackSent[] = [];
    const retrieved = { requestId: s.requestId, requestStatus: 'request_retrieved', state };
    sent.push({ requestStatus: 'request_retrieved', status: await post(url, headers, retrieved) });
    const score = c.score ?? fc.matchConfidenceScore ?? 90;
    const threshold = s.request.faceCheck?.threshold;
    const outcome =
      threshold !== undefined && score < threshold
        ? { requestId: s.requestId, requestStatus: 'presentation_error', state, error: { code: 'claimValidationError', message: 'Match confidence score failing to meet the threshold.' } }
        : verifiedPayload(s, user, score, deps.clock, fc.sourcePhotoQuality ?? 'HIGH');
    sent.push({ requestStatus: String(outcome.requestStatus), status: await post(url, headers, outcome) });
    return answer(200, { callbacks: sent });
  };
}
