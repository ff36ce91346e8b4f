export { AzureStore, openAzureStore, type AzureStoreOptions } from './azureStore';
export { parseConnectionString, type AzureStorageTarget } from './connection';
