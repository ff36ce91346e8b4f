/**
 * Where `npm run audit` reads the trail: a SQLite file (the default store, or an exported copy),
 * or the Azure append-blob trail read with a connection string that may be read-only (a SAS with
 * read + list on the audit container is enough; the command never writes).
 */
import { existsSync } from 'node:fs';
import { BlobServiceClient } from '@azure/storage-blob';
import { loadConfig } from '../config';
import { systemClock } from '../shared/clock';
import type { AuditChainReader } from '../storage/auditChain';
import { BlobAuditLog } from '../storage/azure/blobAuditLog';
import { parseConnectionString } from '../storage/azure/connection';
import { openSqliteStore } from '../storage/sqlite/sqliteStore';
import type { AuditRecord } from '../storage/types';

export interface AuditSource extends AuditChainReader {
  readonly description: string;
  query(o: { since?: string; action?: string; limit?: number; afterSeq?: number }): Promise<AuditRecord[]>;
  chainStart(): Promise<number>;
  close(): void | Promise<void>;
}

export class AuditSourceError extends Error {}

export function openSqliteSource(path: string): AuditSource {
  if (!existsSync(path)) throw new AuditSourceError(`no audit store at ${path}`);
  const store = openSqliteStore(path);
  return {
    description: path,
    query: (o) => store.query(o),
    readChain: (o) => store.readChain(o),
    chainStart: () => store.chainStart(),
    close: () => store.close(),
  };
}

export function openAzureSource(connectionString: string, container = 'audit'): AuditSource {
  const target = parseConnectionString(connectionString);
  if (target.auth.kind !== 'connectionString') {
    throw new AuditSourceError('an identity-based connection string cannot be used from the command line: use a SAS connection string with read and list on the audit container');
  }
  const log = new BlobAuditLog(BlobServiceClient.fromConnectionString(target.auth.connectionString).getContainerClient(container), systemClock);
  return {
    description: `Azure container ${container} (${target.blobEndpoint})`,
    query: (o) => log.query(o),
    readChain: (o) => log.readChain(o),
    chainStart: () => Promise.resolve(1),
    close: () => undefined,
  };
}

/** `--store <path>` when given, else the configured store (SQLITE_PATH, or the Azure trail when STORAGE_KIND=azure). */
export function openConfiguredSource(store: string | undefined, env: Record<string, string | undefined>): AuditSource {
  if (store !== undefined) return openSqliteSource(store);
  const config = loadConfig(env, () => 'x'.repeat(32));
  if (config.storage.kind === 'azure') {
    const cs = config.storage.azureConnectionString;
    if (!cs) throw new AuditSourceError('STORAGE_KIND=azure needs AZURE_STORAGE_CONNECTION_STRING (a SAS with read + list on the audit container is enough)');
    return openAzureSource(cs);
  }
  return openSqliteSource(config.storage.sqlitePath);
}
