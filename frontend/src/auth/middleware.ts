import type { Middleware } from 'openapi-fetch';
import { endSession, getSession } from './session';

/**
 * Adds the session's access token to every API request (unless the caller set
 * an Authorization header itself), and ends the session when the server
 * answers 401 to a request that carried that token: the token expired or was
 * revoked. `SessionRoot` then sends the user to the login page.
 *
 * A 401 to a request without the session's token (a wrong password on the
 * login form) is an answer for the caller, not the end of a session.
 */
/** Paths that never get the session's token: logging in starts a new session. */
const withoutToken = new Set<string>(['/api/v1/auth/login']);

export const authMiddleware: Middleware = {
  onRequest({ request, schemaPath }) {
    const session = getSession();
    if (session && !withoutToken.has(schemaPath) && !request.headers.has('Authorization')) {
      request.headers.set('Authorization', `Bearer ${session.accessToken}`);
    }
    return request;
  },
  onResponse({ request, response }) {
    const session = getSession();
    if (response.status === 401 && session && request.headers.get('Authorization') === `Bearer ${session.accessToken}`) {
      endSession('expired');
    }
    return response;
  },
};
