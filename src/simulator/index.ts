/** The local Microsoft Graph v1.0 + Entra token-service simulator (dev/test only). */
export { startSimulator, type SimulatorOptions, type RunningSimulator } from './http/server';
export { loadFixture, FixtureError } from './fixture/load';
export { LOCAL_APPS, type SimulatorApp } from './apps';
export type { SimStats } from './graph/dispatch';
export type { SimTenant, SimUser, SimGroup, SimDirectoryRole, SimFailure, SimulationSettings, SimSignIn, JsonObject } from './types';
export { findUser } from './types';
export { LOCAL_USER_GRANT } from './auth/tokenService';
export { createUserTokenIssuer, LOCAL_SSO_APP_ID, TEAMS_CLIENT_APP_ID, type UserTokenIssuer, type UserTokenRequest } from './auth/userTokens';
export { generateSigningKey, jwkOf, type SigningKey } from './auth/jwt';
