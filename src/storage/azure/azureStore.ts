/**
 * The scale-out durable store: documents in Blob storage (ETags), the audit trail as a hash chain
 * in append blobs (immutable container), and botbuilder state in `BlobsStorage` (botbuilder-azure-blobs), all in one account.
 * Every instance of the bot (and the backend) may open it at once: all coordination is done by
 * the service with conditional requests, nothing is held in memory across calls.
 */
import { GuardedStore } from '../guardedStore';
import type { TokenCredential } from '@azure/core-auth';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import type { Storage } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { systemClock, type Clock } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import type { DurableStore } from '../types';
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

export class AzureStore extends GuardedStore implements DurableStore {
  protected readonly documents: BlobDocumentStore;
  readonly trail: BlobAuditLog;
  private bot: Storage | undefined;
  private closed = false;

  constructor(
    private readonly c: Clients,
    private readonly credential: TokenCredential | undefined,
    clock: Clock,
  ) {
    super();
    this.documents = new BlobDocumentStore(c.documents);
    this.trail = new BlobAuditLog(c.audit, clock);
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

  protected async guard<R>(op: () => Promise<R>): Promise<R> {
    if (this.closed) throw new Error('AzureStore is closed');
    return op();
  }
}

/** Connects, creating the containers (and the first audit segment) when they do not exist yet. */
export async function openAzureStore(connectionString: string, opts: AzureStoreOptions = {}): Promise<AzureStore> {
  const c = clients(connectionString, opts);
  const store = new AzureStore(c, opts.credential, opts.clock ?? systemClock);
  await Promise.all([c.documents.createIfNotExists(), c.botState.createIfNotExists(), store.trail.init()]);
  return store;
}
