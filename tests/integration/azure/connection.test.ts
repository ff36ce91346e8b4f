/** AZURE_STORAGE_CONNECTION_STRING forms: key / SAS (handed to the SDKs) or keyless (managed identity). */
import { parseConnectionString } from '../../../src/storage/azure/connection';

describe('Azure Storage connection strings', () => {
  it('when the string carries an account key, the SDKs get it (minus our own ManagedIdentityClientId key)', () => {
    const t = parseConnectionString('DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=abc==;EndpointSuffix=core.windows.net;ManagedIdentityClientId=x');
    expect(t).toEqual({
      blobEndpoint: 'https://acct.blob.core.windows.net',
      tableEndpoint: 'https://acct.table.core.windows.net',
      insecure: false,
      auth: { kind: 'connectionString', connectionString: 'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=abc==;EndpointSuffix=core.windows.net' },
    });
  });

  it('when the string has endpoints but no key or SAS, the store uses the named managed identity', () => {
    const t = parseConnectionString('BlobEndpoint=https://acct.blob.core.windows.net/;TableEndpoint=https://acct.table.core.windows.net/;ManagedIdentityClientId=1234');
    expect(t).toEqual({
      blobEndpoint: 'https://acct.blob.core.windows.net',
      tableEndpoint: 'https://acct.table.core.windows.net',
      insecure: false,
      auth: { kind: 'identity', managedIdentityClientId: '1234' },
    });
  });

  it('when UseDevelopmentStorage=true, it means Azurite on its default loopback ports over http', () => {
    const t = parseConnectionString('UseDevelopmentStorage=true');
    expect(t.blobEndpoint).toBe('http://127.0.0.1:10000/devstoreaccount1');
    expect(t.tableEndpoint).toBe('http://127.0.0.1:10002/devstoreaccount1');
    expect(t.insecure).toBe(true);
    expect(t.auth.kind).toBe('connectionString');
  });

  it('when neither endpoints nor an account name are given, it is a configuration error', () => {
    expect(() => parseConnectionString('AccountKey=abc')).toThrow(/blob and table endpoints/);
  });
});
