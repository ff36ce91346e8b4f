import { randomBytes } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { openAzureStore } from '../../../src/storage/azure';
import { segmentName } from '../../../src/storage/azure/blobAuditLog';
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
    const names = { documentsContainer: `docs-${id}`, botStateContainer: `bot-${id}`, auditContainer: `audit-${id}` };
    return {
      open: async (opts) => openAzureStore(azurite.connectionString, { ...names, ...(opts?.clock ? { clock: opts.clock } : {}) }),
      // No tamperAudit: Azurite does not enforce immutability policies (Azure does: infra/azure.bicep).
      forgeAudit: async (seq, how) => {
        const blob = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(names.auditContainer).getAppendBlobClient(segmentName(1));
        const lines = (await blob.downloadToBuffer()).toString('utf8').split('\n').filter((l) => l !== '');
        const kept = lines
          .map((l) => JSON.parse(l) as { seq: number; actor: string })
          .filter((r) => !(how === 'remove' && r.seq === seq))
          .map((r) => JSON.stringify(how === 'edit' && r.seq === seq ? { ...r, actor: 'someone-else' } : r));
        await blob.delete();
        await blob.create();
        const body = Buffer.from(kept.map((l) => `${l}\n`).join(''), 'utf8');
        if (body.length > 0) await blob.appendBlock(body, body.length);
      },
      dispose: async () => {
        const blobs = BlobServiceClient.fromConnectionString(azurite.connectionString);
        await blobs.getContainerClient(names.documentsContainer).deleteIfExists();
        await blobs.getContainerClient(names.botStateContainer).deleteIfExists();
        await blobs.getContainerClient(names.auditContainer).deleteIfExists();
      },
    };
  });

  describe('botbuilder state (BlobsStorage)', () => {
    it('when two instances write the same conversation state with the same eTag, one write is rejected as an eTag conflict', async () => {
      const id = randomBytes(6).toString('hex');
      const names = { documentsContainer: `docs-${id}`, botStateContainer: `bot-${id}`, auditContainer: `audit-${id}` };
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
