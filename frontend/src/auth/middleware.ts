import type { Middleware } from 'openapi-fetch';
import { freshAccessToken, refreshSession } from './refresh';
import { endSession, getSession } from './session';

/**
 * Adds the session's access token to every API request (unless the caller
 * set an Authorization header itself), refreshing it first when it is about
 * to expire.
 *
 * When the server answers 401 to a request that carried the session's token
 * (it expired or was revoked), the token is refreshed once from the refresh
 * cookie (one refresh for any number of requests failing at the same time)
 * and the request is sent again with the new token. Only when the refresh
 * fails does the session end; `SessionRoot` then sends the user to log in.
 *
 * A 401 to a request without the session's token (a wrong password on the
 * login form) is an answer for the caller, not the end of a session. The
 * `/auth/*` calls (login, refresh, logout, password reset) never carry it.
 */
const authPrefix = '/api/v1/auth/';

/** Copies of requests that carried the session's token, to send again after a refresh (bodies are read once). */
const copies = new Map<string, Request>();

function bearer(token: string): string {
  return `Bearer ${token}`;
}

export const authMiddleware: Middleware = {
  async onRequest({ request, schemaPath, id }) {
    if (schemaPath.startsWith(authPrefix) || request.headers.has('Authorization') || !getSession()) {
      return request;
    }
    const token = await freshAccessToken();
    if (!token) {
      return request; // the refresh failed: the session has ended
    }
    request.headers.set('Authorization', bearer(token));
    copies.set(id, request.clone());
    return request;
  },

  async onResponse({ request, response, id, options }) {
    const copy = copies.get(id);
    copies.delete(id);
    if (response.status !== 401 || !copy) {
      return response;
    }
    const sent = request.headers.get('Authorization');
    // Another request may have refreshed the token since this one left.
    const current = getSession();
    const session = current && bearer(current.accessToken) !== sent ? current : await refreshSession();
    if (!session) {
      return response; // refresh refused: the session ended
    }
    copy.headers.set('Authorization', bearer(session.accessToken));
    const retried = await options.fetch(copy);
    if (retried.status === 401 && getSession()?.accessToken === session.accessToken) {
      // Even a brand-new token is refused: the account was disabled or logged out everywhere.
      endSession('expired');
    }
    return retried;
  },

  onError({ id }) {
    copies.delete(id);
  },
};
