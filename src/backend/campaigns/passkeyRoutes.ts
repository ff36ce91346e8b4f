/**
 * Passkey campaign routes (docs/campaigns.md "Passkey campaigns"):
 *   POST /v1/campaigns/passkey-targets   one report page: employees of the requested phone cohorts, joined and flagged
 *   POST /v1/campaigns/cohort-snapshot   one report page classified by cohort (results walk the snapshot once)
 */
import type * as restify from 'restify';
import { CohortSnapshotRequestSchema, PasskeyTargetsRequestSchema, type CohortSnapshotResponse, type PasskeyTargetsResponse } from '../api';
import { AppError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { PasskeyCohortGraph } from '../graph/passkeyCohorts';
import { GraphRequestError } from '../graph/errors';
import type { DirectoryGateway } from '../graph/gateway';
import { validate } from '../http/body';

type Handler = (req: restify.Request, res: restify.Response) => Promise<void>;
type RouteOf = <T>(handle: (body: unknown, ctx: { requestId: string; caller: { id: string } }) => Promise<T>) => Handler;

function graphOf(gateway: DirectoryGateway): PasskeyCohortGraph {
  const g = gateway.campaigns?.passkeys;
  if (!g) throw new AppError('unavailable', 'passkey campaigns are not available in this backend', { expected: false });
  return g;
}

function badCursor(e: unknown): never {
  if (e instanceof GraphRequestError && e.code === 'invalid_cursor') throw new AppError('bad_request', e.message);
  throw e;
}

export function registerPasskeyCampaignRoutes(server: restify.Server, route: RouteOf, deps: { gateway: DirectoryGateway; logger: Logger }): void {
  server.post(
    '/v1/campaigns/passkey-targets',
    route(async (body, ctx): Promise<PasskeyTargetsResponse> => {
      const q = validate(PasskeyTargetsRequestSchema, body);
      const page = await graphOf(deps.gateway).passkeyTargets(q).catch(badCursor);
      deps.logger.info({ requestId: ctx.requestId, cohorts: q.cohorts, targets: page.targets.length, more: page.nextCursor !== undefined }, 'passkey campaign targets page');
      return page;
    }),
  );
  server.post(
    '/v1/campaigns/cohort-snapshot',
    route(async (body): Promise<CohortSnapshotResponse> => graphOf(deps.gateway).cohortSnapshot(validate(CohortSnapshotRequestSchema, body)).catch(badCursor)),
  );
}
