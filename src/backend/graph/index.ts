export type { DirectoryGateway, DirectoryManager, GatherStats, IssuedTap, TapRequest, UserDevices } from './gateway';
export { createDirectoryGateway, createGraphGateway, realSleep, type DirectoryGatewayDeps } from './directoryGateway';
export { createGraphClient, graphClientSettings } from './createGraphClient';
export { createVerifiedIdTokenSource, VERIFIED_ID_SCOPE } from './verifiedIdToken';
export { GraphRequestError, GraphUnavailableError, UserNotFoundError, isGraphUnavailable, isUserNotFound } from './errors';
export { createClientTransport, TransportError, type GraphCall, type GraphReply, type GraphTransport } from './transport';
export { retryDelayMs } from './retry';
