export * from './types';
export { openSqliteStore, SqliteStore, type SqliteStoreOptions } from './sqlite/sqliteStore';
export { SqliteBotStorage } from './sqlite/botStorage';
export { SCHEMA_VERSION } from './sqlite/schema';
// Azure Storage (STORAGE_KIND=azure): import `./storage/azure` where it is used (the composition
// root), so processes and tests that only use SQLite never load the Azure SDKs (~250 ms).
export type { AzureStore, AzureStoreOptions } from './azure';
export type { EventKind, FollowerProgress, FollowerStore, SnapshotKind, TimedRecord } from './followerTypes';
export { MemoryFollowerStore } from './memoryFollowerStore';
