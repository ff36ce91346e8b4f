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

  describe('botbuilder state (BlobsStorage)', () => {
    it('when two instances write the same conversation state with the same eTag, one write is rejected as an eTag conflict', async () => {
      const id = randomBytes(6).toString('hex');
      const names = { documentsContainer: `docs-${id}`, botStateContainer: `bot-${id}`, auditTable: `audit${id}` };
      const one = await openAzureStore(azurite.connectionString, names);
      const two = await openAzureStore(azurite.connectionString, names);
      await one.botStorage().write({ 'conv/t1/alice': { step: 'browserCheck' } });
      const read = (await two.botStorage().read(['conv/t1/alice']))['conv/t1/alice'];
      expect(read).toEqual({ step: 'browserCheck', eTag: expect.any(String) });

      await one.botStorage().write({ 'conv/t1/alice': { ...read, step: 'deviceCheck' } });
      await expect(two.botStorage().write({ 'conv/t1/alice': { ...read, step: 'stale' } })).rejects.toThrow(/eTag conflict/);
      expect((await two.botStorage().read(['conv/t1/alice']))['conv/t1/alice']?.step).toBe('deviceCheck');
    });
  });
});
