/**
 * Face Check routes: POST /v1/verification/face-check/{start,status} (bot credential, like every /v1
 * route) and POST /api/verifier/presentationcallback, called by the Request Service with our
 * `api-key` header instead of the bot's credential. Neither the key nor any token is logged.
 */
import type * as restify from 'restify';
import { describeError } from '../../shared/errors';
import { newId } from '../../shared/ids';
import type { Logger } from '../../shared/logger';
import { FaceCheckStatusRequestSchema, StartFaceCheckRequestSchema } from '../api';
import type { Caller } from '../auth/callerAuth';
import { readJson, validate } from '../http/body';
import { toHttpError } from '../http/errors';
import { CALLBACK_PATH, type FaceCheckService } from './faceCheckService';

type Route = <T>(handle: (body: unknown, ctx: { requestId: string; caller: Caller }) => Promise<T>) => (req: restify.Request, res: restify.Response) => Promise<void>;

export function registerFaceCheckRoutes(server: restify.Server, route: Route, faceCheck: FaceCheckService, logger: Logger): void {
  server.post('/v1/verification/face-check/start', route(async (body) => faceCheck.start(validate(StartFaceCheckRequestSchema, body))));
  server.post('/v1/verification/face-check/status', route(async (body) => faceCheck.status(validate(FaceCheckStatusRequestSchema, body))));

  server.post(CALLBACK_PATH, async (req: restify.Request, res: restify.Response) => {
    const requestId = newId();
    try {
      const key = req.headers['api-key'];
      const body = await readJson(req);
      const result = await faceCheck.callback(typeof key === 'string' ? key : undefined, body);
      res.send(200, result);
      logger.info({ requestId, path: CALLBACK_PATH, status: 200, recorded: result.recorded }, 'presentation callback');
    } catch (e) {
      const err = toHttpError(e, requestId);
      const log = { requestId, path: CALLBACK_PATH, status: err.status, error: describeError(e) };
      if (err.status === 401) logger.warn(log, 'presentation callback rejected');
      else logger.info(log, 'presentation callback refused');
      res.send(err.status, err.body);
    }
  });
}
