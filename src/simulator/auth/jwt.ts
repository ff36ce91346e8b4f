/**
 * The small JWT toolkit the token service needs (no JWT library is installed): RS256 signing
 * with a key pair generated at start, verification of our own tokens, and verification of
 * client assertions (RS256 or PS256) signed by an app's certificate.
 */
import { X509Certificate, createHash, createPublicKey, generateKeyPairSync, sign, verify, constants, type KeyObject } from 'node:crypto';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

const b64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');

export function generateSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const kid = createHash('sha256').update(der).digest('base64url').slice(0, 27);
  return { kid, privateKey, publicKey };
}

export function signJwt(payload: Record<string, unknown>, key: SigningKey): string {
  const header = { typ: 'JWT', alg: 'RS256', kid: key.kid };
  const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  const signature = sign('sha256', Buffer.from(signingInput), key.privateKey);
  return `${signingInput}.${b64url(signature)}`;
}

function parseJsonPart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [h, p, s] = parts as [string, string, string];
  const header = parseJsonPart(h);
  const payload = parseJsonPart(p);
  if (!header || !payload) return undefined;
  return { header, payload, signingInput: `${h}.${p}`, signature: Buffer.from(s, 'base64url') };
}

/** Verifies the signature of a decoded JWT with RS256 or PS256. */
export function verifySignature(jwt: DecodedJwt, publicKey: KeyObject, allowed: readonly string[] = ['RS256']): boolean {
  const alg = jwt.header.alg;
  if (typeof alg !== 'string' || !allowed.includes(alg)) return false;
  const data = Buffer.from(jwt.signingInput);
  if (alg === 'RS256') return verify('sha256', data, publicKey, jwt.signature);
  if (alg === 'PS256') {
    return verify('sha256', data, { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }, jwt.signature);
  }
  return false;
}

/** The public key of a PEM certificate (or a PEM public key). */
export function publicKeyFromPem(pem: string): KeyObject {
  const cert = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem);
  return cert ? new X509Certificate(cert[0]).publicKey : createPublicKey(pem);
}

export function jwkOf(key: SigningKey): Record<string, unknown> {
  const jwk = key.publicKey.export({ format: 'jwk' });
  return { kty: 'RSA', use: 'sig', alg: 'RS256', kid: key.kid, n: jwk.n, e: jwk.e };
}
