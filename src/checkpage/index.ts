export * from './types';
export { createCheckPage, type CheckPageDeps } from './createCheckPage';
export { ipFamilyOf } from './ipFamily';
export { purgeExpiredCheckTokens } from './nonces';
