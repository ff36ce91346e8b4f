/**
 * The campaign part of the backend API (docs/backend-api.md, docs/campaigns.md):
 *   POST /v1/campaigns/targets       one page of the audience, joined and flagged for the engine
 *   POST /v1/campaigns/install       installs the bot for one employee (Graph installedApps)
 *   POST /v1/campaigns/registration  registration state of up to 100 employees (results)
 * Registered by createBackend through the same authenticated `route` wrapper as every /v1 route.
 */
import type * as restify from 'restify';
import {
  CampaignInstallRequestSchema,
  CampaignRegistrationRequestSchema,
  CampaignTargetsRequestSchema,
  type CampaignInstallResponse,
  type CampaignRegistrationResponse,
  type CampaignTargetsResponse,
} from '../api';
import { AppError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { CampaignGraph } from '../graph/campaigns';
import { GraphRequestError } from '../graph/errors';
import type { DirectoryGateway } from '../graph/gateway';
import { validate } from '../http/body';
import { TapRefusal } from '../tap/refusal';
import { registerPasskeyCampaignRoutes } from './passkeyRoutes';

type Handler = (req: restify.Request, res: restify.Response) => Promise<void>;
type RouteOf = <T>(handle: (body: unknown, ctx: { requestId: string; caller: { id: string } }) => Promise<T>) => Handler;

function graphOf(gateway: DirectoryGateway): CampaignGraph {
  if (!gateway.campaigns) throw new AppError('unavailable', 'campaigns are not available in this backend', { expected: false });
  return gateway.campaigns;
}

/** A cursor that is not ours is the caller's mistake (400), not a Graph failure. */
function badCursor(e: unknown): never {
  if (e instanceof GraphRequestError && e.code === 'invalid_cursor') throw new AppError('bad_request', e.message);
  throw e;
}

export function registerCampaignRoutes(server: restify.Server, route: RouteOf, deps: { gateway: DirectoryGateway; logger: Logger; shadow?: boolean }): void {
  server.post(
    '/v1/campaigns/targets',
    route(async (body, ctx): Promise<CampaignTargetsResponse> => {
      const q = validate(CampaignTargetsRequestSchema, body);
      const page = await graphOf(deps.gateway).targets(q).catch(badCursor);
      deps.logger.info({ requestId: ctx.requestId, targets: page.targets.length, more: page.nextCursor !== undefined }, 'campaign targets page');
      return page;
    }),
  );
  server.post(
    '/v1/campaigns/install',
    route(async (body, ctx): Promise<CampaignInstallResponse> => {
      const { userId } = validate(CampaignInstallRequestSchema, body);
      // Evaluation mode: campaigns are report-only, so the backend installs nothing for anyone.
      if (deps.shadow) throw new TapRefusal('shadow_mode', 'Shadow mode: campaigns are report-only; the app was not installed');
      const outcome = await graphOf(deps.gateway).installApp(userId);
      deps.logger.info({ requestId: ctx.requestId, userId, outcome: outcome.outcome }, 'campaign app install');
      return outcome;
    }),
  );
  server.post(
    '/v1/campaigns/registration',
    route(async (body): Promise<CampaignRegistrationResponse> => {
      const { userIds } = validate(CampaignRegistrationRequestSchema, body);
      return { users: await graphOf(deps.gateway).registration(userIds) };
    }),
  );
  registerPasskeyCampaignRoutes(server, route, deps);
}
