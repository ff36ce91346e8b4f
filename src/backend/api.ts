/**
 * The privileged backend's HTTP API, version 1: request and response schemas shared by the
 * server (backend/server.ts) and its typed client (backend/client.ts), one file per concern.
 * Every body is validated with these schemas on both sides.
 */
export * from './api/core';
export * from './api/tap';
export * from './api/campaigns';
export * from './api/tapRequests';
export * from './api/passkeys';
export * from './api/passkeyCampaigns';
export * from './api/faceCheck';
export * from './api/containment';
export * from './api/viewer';
export * from './api/verification';
