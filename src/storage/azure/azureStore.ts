/**
 * The scale-out durable store: documents in Blob storage (ETags), the audit trail in Table
 * storage, and botbuilder state in `BlobsStorage` (botbuilder-azure-blobs), all in one account.
 * Every instance of the bot (and the backend) may open it at once: all coordination is done by
 * the service with conditional requests, nothing is held in memory across calls.
 */
import type { TokenCredential } from '@azure/core-auth';
import { TableClient } from '@azure/data-tables';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import type { Storage } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { systemClock, type Clock } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import type { AuditRecord, DurableStore, PutOptions, StoredItem } from '../types';
import { BlobDocumentStore } from './blobDocumentStore';
import { parseConnectionString, type AzureStorageTarget } from './connection';
import { TableAuditLog } from './tableAuditLog';

export interface AzureStoreOptions {
  clock?: Clock;
  /** Blob container of the documents (default `documents`). */
  documentsContainer?: string;
  /** Table of the audit trail (default `audit`). */
  auditTable?: string;
  /** Blob container of botbuilder state (default `botstate`). */
  botStateContainer?: string;
  /** Required for an identity-based connection string (no AccountKey / SAS). */
  credential?: TokenCredential;
}

interface Clients {
  documents: ContainerClient;
  botState: ContainerClient;
  audit: TableClient;
  target: AzureStorageTarget;
}

function clients(connectionString: string, opts: AzureStoreOptions): Clients {
  const target = parseConnectionString(connectionString);
  const docs = opts.documentsContainer ?? 'documents';
  const bot = opts.botStateContainer ?? 'botstate';
  const table = opts.auditTable ?? 'audit';
  const tableOptions = { allowInsecureConnection: target.insecure };
  if (target.auth.kind === 'connectionString') {
    const blobs = BlobServiceClient.fromConnectionString(target.auth.connectionString);
    return {
      documents: blobs.getContainerClient(docs),
      botState: blobs.getContainerClient(bot),
      audit: TableClient.fromConnectionString(target.auth.connectionString, table, tableOptions),
      target,
    };
  }
  const credential = opts.credential;
  if (!credential) throw new AppError('config', 'an identity-based AZURE_STORAGE_CONNECTION_STRING needs a managed identity credential');
  const blobs = new BlobServiceClient(target.blobEndpoint, credential);
  return {
    documents: blobs.getContainerClient(docs),
    botState: blobs.getContainerClient(bot),
    audit: new TableClient(target.tableEndpoint, table, credential, tableOptions),
    target,
  };
}

export class AzureStore implements DurableStore {
  private readonly documents: BlobDocumentStore;
  private readonly audit: TableAuditLog;
  private bot: Storage | undefined;
  private closed = false;

  constructor(
    private readonly c: Clients,
    private readonly credential: TokenCredential | undefined,
    clock: Clock,
  ) {
    this.documents = new BlobDocumentStore(c.documents);
    this.audit = new TableAuditLog(c.audit, clock);
  }

  get<T>(collection: string, key: string): Promise<StoredItem<T> | undefined> {
    return this.guard(() => this.documents.get<T>(collection, key));
  }
  put<T>(collection: string, key: string, value: T, options?: PutOptions): Promise<string> {
    return this.guard(() => this.documents.put(collection, key, value, options));
  }
  delete(collection: string, key: string, options?: { ifMatch?: string }): Promise<boolean> {
    return this.guard(() => this.documents.delete(collection, key, options));
  }
  list<T>(collection: string, options?: { prefix?: string; after?: string; limit?: number }): Promise<Array<{ key: string } & StoredItem<T>>> {
    return this.guard(() => this.documents.list<T>(collection, options));
  }
  append(record: AuditRecord): Promise<AuditRecord> {
    return this.guard(() => this.audit.append(record));
  }
  query(options?: { since?: string; action?: string; subject?: string; limit?: number }): Promise<AuditRecord[]> {
    return this.guard(() => this.audit.query(options));
  }

  /** botbuilder `Storage` (teams-ai TurnState) in its own container; eTag conflicts are BlobsStorage's. */
  botStorage(): Storage {
    if (this.closed) throw new Error('AzureStore is closed');
    if (!this.bot) {
      const t = this.c.target;
      this.bot =
        t.auth.kind === 'connectionString'
          ? new BlobsStorage(t.auth.connectionString, this.c.botState.containerName)
          : new BlobsStorage('', this.c.botState.containerName, {}, this.c.botState.url, this.credential);
    }
    return this.bot;
  }

  /** The SDK clients hold no sockets that need closing; later calls reject, as with SQLite. */
  close(): void {
    this.closed = true;
  }

  private async guard<R>(op: () => Promise<R>): Promise<R> {
    if (this.closed) throw new Error('AzureStore is closed');
    return op();
  }
}

/** Connects, creating the containers and the table when they do not exist yet. */
export async function openAzureStore(connectionString: string, opts: AzureStoreOptions = {}): Promise<AzureStore> {
  const c = clients(connectionString, opts);
  await Promise.all([c.documents.createIfNotExists(), c.botState.createIfNotExists(), c.audit.createTable()]);
  return new AzureStore(c, opts.credential, opts.clock ?? systemClock);
}
