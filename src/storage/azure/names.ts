/**
 * Blob names for documents: `<hex(collection)>/<hex(key)>`, lower-case hex of the UTF-8 bytes.
 * Hex keeps byte order (so listing order is key order, as in SQLite) and prefixes (so a key prefix
 * is a blob-name prefix), and no character of a key can clash with blob-name rules.
 */
import { AppError } from '../../shared/errors';

const MAX_BLOB_NAME = 1024;

export function hex(s: string): string {
  return Buffer.from(s, 'utf8').toString('hex');
}

export function unhex(h: string): string {
  return Buffer.from(h, 'hex').toString('utf8');
}

export function checkName(what: string, s: unknown, max: number): asserts s is string {
  if (typeof s !== 'string' || s.length === 0 || s.length > max) {
    throw new AppError('bad_request', `${what} must be a non-empty string of at most ${max} characters`, { expected: false });
  }
}

export function collectionPrefix(collection: string): string {
  return `${hex(collection)}/`;
}

export function blobName(collection: string, key: string): string {
  const name = `${collectionPrefix(collection)}${hex(key)}`;
  if (name.length > MAX_BLOB_NAME) {
    throw new AppError('bad_request', `key too long for Azure Storage (at most ${Math.floor((MAX_BLOB_NAME - collectionPrefix(collection).length) / 2)} UTF-8 bytes)`, {
      expected: false,
    });
  }
  return name;
}

/** The key of a blob of `collection`, or undefined when the name is not one of ours. */
export function keyOf(collection: string, name: string): string | undefined {
  const prefix = collectionPrefix(collection);
  if (!name.startsWith(prefix)) return undefined;
  const h = name.slice(prefix.length);
  return /^(?:[0-9a-f]{2})+$/.test(h) ? unhex(h) : undefined;
}
