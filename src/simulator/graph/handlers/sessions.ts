/**
 * POST /users/{id | upn}/revokeSignInSessions: invalidates the user's refresh tokens and session
 * cookies. Graph answers 200 `{"value": true}` and sets `signInSessionsValidFromDateTime` to now.
 * Permissions (application): User.RevokeSessions.All (least), User.ReadWrite.All, Directory.ReadWrite.All.
 */
import { contextUrl } from '../odata';
import { anyOf, ok, type Route } from '../route';
import { requireUser } from './common';

export const sessionRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/users/{user}/revokeSignInSessions',
    roles: anyOf('User.RevokeSessions.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'),
    denial: 'directory',
    handle: (ctx, _req, p) => {
      const user = requireUser(ctx, p.user);
      user.props.signInSessionsValidFromDateTime = ctx.clock.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
      user.revision++;
      return ok({ '@odata.context': contextUrl(ctx, 'Edm.Boolean'), value: true });
    },
  },
];
