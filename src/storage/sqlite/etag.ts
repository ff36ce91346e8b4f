import { randomBytes } from 'node:crypto';

/**
 * A new opaque ETag. Random rather than a counter, so a key that is deleted and created again
 * never gets an ETag a stale reader still holds (no ABA).
 */
export function newEtag(): string {
  return randomBytes(12).toString('base64url');
}
