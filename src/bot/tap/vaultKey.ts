/**
 * The pass vault key when none is configured (local mode): 32 random bytes generated once into a
 * file readable only by this user, and reused, so passes issued before a restart can still be
 * delivered after it.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export function loadOrCreateVaultKey(file: string): Buffer {
  try {
    const existing = fs.readFileSync(file);
    if (existing.length === 32) return existing;
    throw new Error(`${file} does not hold a 32-byte key; delete it to generate a new one`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  try {
    fs.writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (e) {
    // Another process created it first: use theirs.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(file);
    throw e;
  }
}
