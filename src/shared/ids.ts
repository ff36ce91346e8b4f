import { randomUUID, randomBytes } from 'node:crypto';

export function newId(): string {
  return randomUUID();
}

/** A short, human-quotable reference id for apologies ("reference ABC123DEF"). */
export function newReference(): string {
  return randomBytes(6).toString('base64url').toUpperCase().replace(/[^A-Z0-9]/g, 'X').slice(0, 8);
}
