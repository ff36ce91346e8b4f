/**
 * Validation of `POST /v1.0/verifiableCredentials/createPresentationRequest` like the Request Service
 * (entra-graph-2026.md §19.2; entra-docs presentation-request-api.md, using-facecheck.md):
 * faceCheck.sourcePhotoClaimName is mandatory, matchConfidenceThreshold is an integer 50–100
 * (default 70), includeReceipt cannot be combined with faceCheck, callback headers are only
 * `api-key` or `Authorization`.
 */
import type { Clock } from '../../shared/clock';
import type { HttpResult } from '../auth/tokenService';
import { badField } from './errors';

export interface ValidPresentationRequest {
  authority: string;
  includeQRCode: boolean;
  callback: { url: string; state: string; headers: Record<string, string> };
  credentialType: string;
  acceptedIssuers: string[];
  /** Present when Face Check was requested. */
  faceCheck?: { sourcePhotoClaimName: string; threshold: number };
}

const ALLOWED_HEADERS = ['api-key', 'authorization'];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLoopback = (host: string) => ['localhost', '127.0.0.1', '[::1]'].includes(host);

/** The callback must be https (the simulator also accepts http on loopback, where the backend runs in tests). */
function callbackUrlOk(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'https:' || (u.protocol === 'http:' && isLoopback(u.hostname));
  } catch {
    return false;
  }
}

export function validatePresentationRequest(body: unknown, clock: Clock): ValidPresentationRequest | HttpResult {
  const bad = (target: string, message: string) => badField(clock, target, message);
  if (!isObject(body)) return bad('', 'The request body is missing or is not a JSON object.');
  const { authority, includeQRCode = false, includeReceipt = false, registration, callback, requestedCredentials } = body;
  if (typeof authority !== 'string' || !authority.startsWith('did:')) return bad('authority', 'The request contains `authority`, but it is not a valid DID.');
  if (typeof includeQRCode !== 'boolean') return bad('includeQRCode', 'The request contains `includeQRCode`, but it is not boolean.');
  if (typeof includeReceipt !== 'boolean') return bad('includeReceipt', 'The request contains `includeReceipt`, but it is not boolean.');
  if (!isObject(registration) || typeof registration.clientName !== 'string' || registration.clientName === '') return bad('registration.clientName', 'The request is missing `registration.clientName`.');
  if (!isObject(callback)) return bad('callback', 'The request is missing `callback`.');
  if (typeof callback.url !== 'string' || !callbackUrlOk(callback.url)) return bad('callback.url', 'The request contains `callback.url`, but it is not a valid https URL.');
  if (typeof callback.state !== 'string' || callback.state === '') return bad('callback.state', 'The request is missing `callback.state`.');
  const headers: Record<string, string> = {};
  if (callback.headers !== undefined) {
    if (!isObject(callback.headers)) return bad('callback.headers', 'The request contains `callback.headers`, but it is not an object.');
    for (const [name, value] of Object.entries(callback.headers)) {
      if (!ALLOWED_HEADERS.includes(name.toLowerCase())) return bad('callback.headers', `Invalid callback header \`${name}\`: only \`api-key\` and \`Authorization\` are supported.`);
      if (typeof value !== 'string') return bad(`callback.headers.${name}`, `The request contains \`callback.headers.${name}\`, but it is not a string.`);
      headers[name] = value;
    }
  }
  if (!Array.isArray(requestedCredentials) || requestedCredentials.length === 0) return bad('requestedCredentials', 'The request is missing `requestedCredentials`.');
  const first: unknown = requestedCredentials[0];
  if (!isObject(first) || typeof first.type !== 'string' || first.type === '') return bad('requestedCredentials[0].type', 'The request is missing `requestedCredentials[0].type`.');
  const issuers = first.acceptedIssuers ?? [];
  if (!Array.isArray(issuers) || !issuers.every((i): i is string => typeof i === 'string')) return bad('requestedCredentials[0].acceptedIssuers', 'The request contains `acceptedIssuers`, but it is not an array of strings.');
  const validation = isObject(first.configuration) && isObject(first.configuration.validation) ? first.configuration.validation : {};
  const result: ValidPresentationRequest = { authority, includeQRCode, callback: { url: callback.url, state: callback.state, headers }, credentialType: first.type, acceptedIssuers: issuers };
  if (validation.faceCheck === undefined) return result;
  const fc = validation.faceCheck;
  const target = 'requestedCredentials[0].configuration.validation.faceCheck';
  if (!isObject(fc)) return bad(target, 'The request contains `faceCheck`, but it is not an object.');
  if (typeof fc.sourcePhotoClaimName !== 'string' || fc.sourcePhotoClaimName === '') return bad(`${target}.sourcePhotoClaimName`, 'The request is missing `faceCheck.sourcePhotoClaimName`.');
  const threshold = fc.matchConfidenceThreshold ?? 70;
  if (typeof threshold !== 'number' || !Number.isInteger(threshold) || threshold < 50 || threshold > 100) {
    return bad(`${target}.matchConfidenceThreshold`, 'The request contains `matchConfidenceThreshold`, but it is not an integer between 50 and 100.');
  }
  if (includeReceipt) return bad('includeReceipt', 'It is not possible to request the presentation receipt when the request includes faceCheck.');
  return { ...result, faceCheck: { sourcePhotoClaimName: fc.sourcePhotoClaimName, threshold } };
}
