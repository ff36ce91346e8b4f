import { randomBytes } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { TableClient } from '@azure/data-tables';
import { openAzureStore } from '../../../src/storage/azure';
import { startAzurite, type Azurite } from '../azure/support/azurite';
import { describeWithAzurite } from '../azure/support/available';
import { describeDocumentStoreContract, type ContractFixture } from './contract';

// One Azurite for the file (real HTTP on loopback); every test gets its own container and table.
describeWithAzurite('Azure Storage on Azurite', () => {
  let azurite: Azurite;
  beforeAll(async () => {
    azurite = await startAzurite();
  }, 30000);
  afterAll(async () => {
    await azurite?.stop();
  });

  describeDocumentStoreContract('Azure Storage (Azurite: blobs + table)', async (): Promise<ContractFixture> => {
    const id = randomBytes(6).toString('hex');
    const names = { documentsContainer: `docs-${id}`, botStateContainer: `bot-${id}`, auditTable: `audit${id}` };
    return {
      open: async (opts) => openAzureStore(azurite.connectionString, { ...names, ...(opts?.clock ? { clock: opts.clock } : {}) }),
      // No tamperAudit: Table storage has no triggers; immutability is RBAC + export (docs/operations.md).
      dispose: async () => {
        const blobs = BlobServiceClient.fromConnectionString(azurite.connectionString);
        await blobs.getContainerClient(names.documentsContainer).deleteIfExists();
        await blobs.getContainerClient(names.botStateContainer).deleteIfExists();
        await TableClient.fromConnectionString(azurite.connectionString, names.auditTable, { allowInsecureConnection: true }).deleteTable();
      },
    };
  });
});
