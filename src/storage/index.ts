export * from './types';
export { openSqliteStore, SqliteStore, type SqliteStoreOptions } from './sqlite/sqliteStore';
export { SqliteBotStorage } from './sqlite/botStorage';
export { SCHEMA_VERSION } from './sqlite/schema';
