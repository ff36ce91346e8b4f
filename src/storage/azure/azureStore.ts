/**
 * The scale-out durable store: documents in Blob storage (ETags), the audit trail as a hash chain
 * in append blobs (immutable container), and botbuilder state in `BlobsStorage` (botbuilder-azure-blobs), all in one account.
 * Every instance of the bot (and the backend) may open it at once: all coordination is done by
 * the service with conditional requests, nothing is held in memory across calls.
 */
import type { TokenCredential } from '@azure/core-auth';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import type { Storage } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { systemClock, type Clock } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import type { AuditRecord, DurableStore, PutOptions, StoredItem } from '../types';
import type { AuditChainReader, ChainedAuditRecord } from '../auditChain';
import { BlobDocumentStore } from './blobDocumentStore';
import { parseConnectionString, type AzureStorageTarget } from './connection';
import { BlobAuditLog } from './blobAuditLog';

export interface AzureStoreOptions {
  clock?: Clock;
  /** Blob container of the documents (default `documents`). */
  documentsContainer?: string;
  /** Blob container of the audit trail (default `audit`; immutable with protected appends in Azure). */
  auditContainer?: string;
  /** Blob container of botbuilder state (default `botstate`). */
  botStateContainer?: string;
  /** Required for an identity-based connection string (no AccountKey / SAS). */
  credential?: TokenCredential;
}

interface Clients {
  documents: ContainerClient;
  botState: ContainerClient;
  audit: ContainerClient;
  target: AzureStorageTarget;
}

function clients(connectionString: string, opts: AzureStoreOptions): Clients {
  const target = parseConnectionString(connectionString);
  const docs = opts.documentsContainer ?? 'documents';
  const bot = opts.botStateContainer ?? 'botstate';
  const audit = opts.auditContainer ?? 'audit';
  if (target.auth.kind === 'connectionString') {
    const blobs = BlobServiceClient.fromConnectionString(target.auth.connectionString);
    return {
      documents: blobs.getContainerClient(docs),
      botState: blobs.getContainerClient(bot),
      audit: blobs.getContainerClient(audit),
      target,
    };
  }
  const credential = opts.credential;
  if (!credential) throw new AppError('config', 'an identity-based AZURE_STORAGE_CONNECTION_STRING needs a managed identity credential');
  const blobs = new BlobServiceClient(target.blobEndpoint, credential);
  return {
    documents: blobs.getContainerClient(docs),
    botState: blobs.getContainerClient(bot),
    audit: blobs.getContainerClient(audit),
    target,
  };
}

export class AzureStore implements DurableStore, AuditChainReader {
  private readonly documents: BlobDocumentStore;
  readonly audit: BlobAuditLog;
  private bot: Storage | undefined;
  private closed = false;

  constructor(
    private readonly c: Clients,
    private readonly credential: TokenCredential | undefined,
    clock: Clock,
  ) {
    this.documents = new BlobDocumentStore(c.documents);
    this.audit = new BlobAuditLog(c.audit, clock);
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
  query(options?: { since?: string; action?: string; subject?: string; limit?: number; afterSeq?: number }): Promise<AuditRecord[]> {
    return this.guard(() => this.audit.query(options));
  }

  readChain(options: { afterSeq?: number; limit?: number } = {}): Promise<ChainedAuditRecord[]> {
    return this.guard(() => this.audit.readChain(options));
  }
  /** The chain always starts at seq 1 on Azure (the blob trail was chained from its first record). */
  chainStart(): Promise<number> {
    return Promise.resolve(1);
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

/** Connects, creating the containers (and the first audit segment) when they do not exist yet. */
export async function openAzureStore(connectionString: string, opts: AzureStoreOptions = {}): Promise<AzureStore> {
  const c = clients(connectionString, opts);
  const store = new AzureStore(c, opts.credential, opts.clock ?? systemClock);
  await Promise.all([c.documents.createIfNotExists(), c.botState.createIfNotExists(), store.audit.init()]);
  return store;
}
