/**
 * The verification ladder's part of the backend API (docs/backend-api.md):
 *   POST /v1/tap/verification            tier, accepted and recorded evidence of a pass request
 *   POST /v1/tap/verification/callback   the approver confirms the call-back (own token)
 *   POST /v1/tap/verification/manager    the manager confirms or declines (own token)
 *   POST /v1/recovery/eligibility        may the employee be handed to Entra Account Recovery?
 * Registered by createBackend through the same authenticated `route` wrapper as every /v1 route.
 */
import type * as restify from 'restify';
import { CallbackConfirmRequestSchema, ManagerConfirmRequestSchema, RecoveryEligibilityRequestSchema, VerificationStatusRequestSchema } from '../api';
import { validate } from '../http/body';
import { createConfirmations } from './confirm';
import { recoveryEligibility, type RecoveryDeps } from './recovery';
import type { VerificationService, VerificationServiceDeps } from './service';

type Handler = (req: restify.Request, res: restify.Response) => Promise<void>;
type RouteOf = <T>(handle: (body: unknown, ctx: { requestId: string; caller: { id: string } }) => Promise<T>) => Handler;

export function registerVerificationRoutes(
  server: restify.Server,
  route: RouteOf,
  svc: VerificationService,
  deps: Pick<VerificationServiceDeps, 'verifyUser' | 'isApprover' | 'approverAuthContext' | 'clock'> & { recovery: RecoveryDeps },
): void {
  const confirm = createConfirmations(svc, deps);
  server.post('/v1/tap/verification', route(async (body) => svc.status(validate(VerificationStatusRequestSchema, body).requestId)));
  server.post('/v1/tap/verification/callback', route(async (body, ctx) => confirm.callback(validate(CallbackConfirmRequestSchema, body), { caller: ctx.caller.id })));
  server.post('/v1/tap/verification/manager', route(async (body, ctx) => confirm.manager(validate(ManagerConfirmRequestSchema, body), { caller: ctx.caller.id })));
  server.post('/v1/recovery/eligibility', route(async (body, ctx) => recoveryEligibility(deps.recovery, validate(RecoveryEligibilityRequestSchema, body).user, { caller: ctx.caller.id })));
}
