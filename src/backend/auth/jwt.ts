/**
 * Minimal RS256 JWT verification with node:crypto (no JWT library is installed). Only what the
 * backend needs: split, decode, check the algorithm, verify the signature with a JWK.
 */
import { createPublicKey, verify, type JsonWebKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';

export const JwtHeaderSchema = z.object({ alg: z.string(), kid: z.string().optional(), typ: z.string().optional() }).passthrough();

const audience = z.union([z.string(), z.array(z.string())]);
export const JwtClaimsSchema = z
  .object({
    iss: z.string(),
    aud: audience,
    exp: z.number(),
    nbf: z.number().optional(),
    iat: z.number().optional(),
    tid: z.string().optional(),
    azp: z.string().optional(),
    appid: z.string().optional(),
    oid: z.string().optional(),
    sub: z.string().optional(),
    roles: z.array(z.string()).optional(),
  })
  .passthrough();
export type JwtClaims = z.infer<typeof JwtClaimsSchema>;

export class JwtError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JwtError';
  }
}

export interface DecodedJwt {
  header: z.infer<typeof JwtHeaderSchema>;
  claims: JwtClaims;
  signingInput: string;
  signature: Buffer;
}

function json(part: string, what: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
  } catch {
    throw new JwtError(`malformed token ${what}`);
  }
}

export function decodeJwt(token: string): DecodedJwt {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) throw new JwtError('malformed token');
  const [h, c, s] = parts as [string, string, string];
  const header = JwtHeaderSchema.safeParse(json(h, 'header'));
  if (!header.success) throw new JwtError('malformed token header');
  const claims = JwtClaimsSchema.safeParse(json(c, 'claims'));
  if (!claims.success) throw new JwtError(`token claims invalid (${claims.error.issues[0]?.path.join('.') ?? ''})`);
  return { header: header.data, claims: claims.data, signingInput: `${h}.${c}`, signature: Buffer.from(s, 'base64url') };
}

export function jwkToKey(jwk: JsonWebKey): KeyObject {
  return createPublicKey({ key: jwk, format: 'jwk' });
}

export function verifyRs256(decoded: DecodedJwt, key: KeyObject): boolean {
  if (decoded.header.alg !== 'RS256') return false;
  return verify('RSA-SHA256', Buffer.from(decoded.signingInput), key, decoded.signature);
}
