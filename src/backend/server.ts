/**
 * The privileged backend's HTTP API (restify): POST /v1/diagnose, POST /v1/devices/delete-stale,
 * POST /v1/tap/{requests,delivered},
 * POST /v1/tap/{issue,revoke,status,contain}, POST /v1/tap/requests/{revoke,cancel},
 * POST /v1/incidents/{pending,posted}, POST /v1/approvers/check, POST /v1/users/risk-profile,
 * POST /v1/tap/verification{,/callback,/manager}, POST /v1/recovery/eligibility,
 * GET /healthz. Every /v1 route authenticates the caller first; every error is the JSON error
 * body of api.ts with a request id. Tokens, TAPs and secrets are never logged.
 */
import type { AddressInfo } from 'node:net';
import * as restify from 'restify';
import { describeError } from '../shared/errors';
import { newId } from '../shared/ids';
import {
  CancelRequestSchema,
  CheckApproverRequestSchema,
  ContainRequestSchema,
  IncidentPostedRequestSchema,
  PendingIncidentsRequestSchema,
  ProvenRevokeRequestSchema,
  InsightsViewerRequestSchema,
  DeleteStaleDeviceRequestSchema,
  DiagnoseRequestSchema,
  IssueTapRequestSchema,
  OpenTapRequestSchema,
  RevokeTapRequestSchema,
  TapDeliveredRequestSchema,
  RiskProfileRequestSchema,
  TapStatusRequestSchema,
} from './api';
import { type Caller } from './auth/callerAuth';
import { registerCampaignRoutes } from './campaigns/routes';
import { readJson, validate } from './http/body';
import { toHttpError } from './http/errors';
import { tapRefusalHttp } from './tap/refusal';
import { createFaceCheckService } from './verifiedId/faceCheckService';
import { registerFaceCheckRoutes } from './verifiedId/routes';
import { registerVerificationRoutes } from './verification/routes';

export type { BackendDeps } from './compose';
import { composeServices, type BackendDeps } from './compose';

export interface Backend {
  server: restify.Server;
  listen(port: number, host: string): Promise<{ url: string; port: number }>;
  close(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export function createBackend(deps: BackendDeps): Backend {
  const { logger } = deps;
  const { authenticate, diagnosis, devices, tapRequests, verification, taps, containment, risk, verifyUser, verifyViewer, approverCheck, approvals, proof, vipGroupId, tapStore } = composeServices(deps);

  const server = restify.createServer({ name: 'mfa-backend', handleUncaughtExceptions: false });

  const requestIdOf = (req: restify.Request): string => {
    const given = req.headers['x-request-id'];
    return typeof given === 'string' && REQUEST_ID.test(given) ? given : newId();
  };

  const sendError = (req: restify.Request, res: restify.Response, e: unknown, requestId: string) => {
    const err = tapRefusalHttp(e, requestId) ?? toHttpError(e, requestId);
    const log = { requestId, method: req.method, path: req.path(), status: err.status, error: describeError(e) };
    if (err.unexpected) logger.error(log, 'request failed');
    else logger.info(log, 'request refused');
    res.header('x-request-id', requestId);
    res.send(err.status, err.body);
  };

  /** An authenticated JSON route: body → validated request → service → 200 JSON. */
  const route =
    <T>(handle: (body: unknown, ctx: { requestId: string; caller: Caller }) => Promise<T>) =>
    async (req: restify.Request, res: restify.Response) => {
      const requestId = requestIdOf(req);
      const started = Date.now();
      try {
        const caller = await authenticate(req.headers.authorization);
        const body = await readJson(req);
        const result = await handle(body, { requestId, caller });
        res.header('x-request-id', requestId);
        res.send(200, result);
        logger.info({ requestId, method: req.method, path: req.path(), status: 200, caller: caller.id, ms: Date.now() - started }, 'request');
      } catch (e) {
        sendError(req, res, e, requestId);
      }
    };

  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    res.send(200, { status: 'ok' });
  });

  const serveIssuer = deps.routes !== 'directory';
  const serveDirectory = deps.routes !== 'issuer';
  if (serveDirectory) {
    server.post(
      '/v1/diagnose',
      route(async (body, ctx) => diagnosis.diagnose(validate(DiagnoseRequestSchema, body), { requestId: ctx.requestId, caller: ctx.caller.id })),
    );

    server.post(
      '/v1/devices/delete-stale',
      route(async (body, ctx) => devices.deleteStale(validate(DeleteStaleDeviceRequestSchema, body), { requestId: ctx.requestId, caller: ctx.caller.id })),
    );

    server.post('/v1/approvers/check', route(async (body) => taps.checkApprover(validate(CheckApproverRequestSchema, body).userId)));
    // The insights tab: the person is whoever the Teams SSO token names, never whom the caller says.
    server.post(
      '/v1/insights/viewer',
      route(async (body) => {
        const { oid } = await verifyViewer(validate(InsightsViewerRequestSchema, body).userToken);
        return { oid, ...(await taps.checkApprover(oid)) };
      }),
    );
    server.post(
      '/v1/users/risk-profile',
      route(async (body, ctx) => risk.profile(validate(RiskProfileRequestSchema, body), { requestId: ctx.requestId, caller: ctx.caller.id })),
    );
    registerCampaignRoutes(server, route, { gateway: deps.gateway, logger, shadow: deps.config.evaluation?.shadow === true });
  }
  if (serveIssuer) {
    server.post('/v1/tap/requests', route(async (body, ctx) => tapRequests.open(validate(OpenTapRequestSchema, body), { caller: ctx.caller.id })));
    server.post('/v1/tap/delivered', route(async (body, ctx) => tapRequests.delivered(validate(TapDeliveredRequestSchema, body), { caller: ctx.caller.id })));
    server.post('/v1/tap/issue', route(async (body, ctx) => taps.issue(validate(IssueTapRequestSchema, body), { requestId: ctx.requestId, caller: ctx.caller.id })));
    server.post('/v1/tap/revoke', route(async (body, ctx) => taps.revoke(validate(RevokeTapRequestSchema, body), { requestId: ctx.requestId, caller: ctx.caller.id })));
    server.post('/v1/tap/contain', route(async (body, ctx) => containment.contain(validate(ContainRequestSchema, body), { caller: ctx.caller.id, requestId: ctx.requestId })));
    server.post('/v1/tap/requests/revoke', route(async (body, ctx) => containment.revoke(validate(ProvenRevokeRequestSchema, body), { caller: ctx.caller.id })));
    server.post('/v1/tap/requests/cancel', route(async (body, ctx) => tapRequests.cancel(validate(CancelRequestSchema, body), { caller: ctx.caller.id })));
    server.post('/v1/incidents/pending', route(async (body) => {
      validate(PendingIncidentsRequestSchema, body);
      return containment.pending();
    }));
    server.post('/v1/incidents/posted', route(async (body) => containment.posted(validate(IncidentPostedRequestSchema, body).incidentId)));
    server.post('/v1/tap/status', route(async (body) => taps.status(validate(TapStatusRequestSchema, body))));
  }
  // The ladder's evidence (/v1/tap/verification*: issuer) and the recovery eligibility (backend): both services.
  registerVerificationRoutes(server, route, verification, {
    verifyUser,
    isApprover: approverCheck,
    clock: deps.clock,
    ...(proof?.approverAuthContext ? { approverAuthContext: proof.approverAuthContext } : {}),
    recovery: {
      gateway: deps.gateway,
      clock: deps.clock,
      logger,
      audit: deps.audit,
      ...(vipGroupId ? { vipGroupId } : {}),
      accountRecovery: approvals.accountRecovery ?? { enabled: false, url: 'https://aka.ms/mysecurityinfo' },
    },
  });

  const verifiedId = deps.config.verifiedId;
  if (verifiedId && deps.faceCheckClient) {
    const faceCheck = createFaceCheckService({
      store: tapStore,
      clock: deps.clock,
      logger,
      audit: deps.audit,
      gateway: deps.gateway,
      client: deps.faceCheckClient,
      verifyUser,
      isApprover: approverCheck,
      ...(proof?.approverAuthContext ? { approverAuthContext: proof.approverAuthContext } : {}),
      settings: () => verifiedId,
    });
    registerFaceCheckRoutes(server, route, faceCheck, logger);
  }

  // restify's own errors (unknown route, wrong method, ...) get the API error body too.
  // Unknown routes and wrong methods answer 401 to a caller without valid credentials, so nobody can
  // enumerate the API without them; an authenticated caller gets the 404/405.
  server.on('restifyError', (req: restify.Request, _res: restify.Response, err: Error & { statusCode?: number; toJSON?: () => unknown }, cb: () => void) => {
    const requestId = requestIdOf(req);
    if (err.statusCode === 404 || err.statusCode === 405) {
      authenticate(req.headers.authorization).then(
        () => describeRouteError(req, err, requestId, cb),
        () => {
          err.statusCode = 401;
          err.toJSON = () => ({ error: { code: 'unauthenticated', message: 'missing or invalid credentials', requestId } });
          cb();
        },
      );
      return;
    }
    describeRouteError(req, err, requestId, cb);
  });

  function describeRouteError(req: restify.Request, err: Error & { statusCode?: number; toJSON?: () => unknown }, requestId: string, cb: () => void): void {
    const status = err.statusCode ?? 500;
    const code = status === 404 ? 'not_found' : status >= 500 ? 'internal' : 'bad_request';
    err.toJSON = () => ({ error: { code, message: status === 404 ? `no route ${req.method ?? ''} ${req.path()}` : err.message, requestId } });
    cb();
  }

  let address: AddressInfo | undefined;
  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.removeListener('error', reject);
          address = server.address() as AddressInfo;
          const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve({ url: `http://${shown}:${address.port}`, port: address.port });
        });
      }),
    close: () =>
      new Promise((resolve) => {
        if (!address) return resolve();
        server.close(() => resolve());
        // Keep-alive sockets would hold close() open.
        (server.server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
