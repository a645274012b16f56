import type { JsonBody } from '../api/client';
import { endSession, getSession, getSessionState, replaceAccessToken, startSession, type Me, type Session } from './session';

type TokenResponse = JsonBody<'/api/v1/auth/refresh', 'post', 200>;

/** Refresh this long before the access token expires, so requests never carry a dying token. */
export const refreshAheadMs = 60_000;

const refreshPath = '/api/v1/auth/refresh';

/** `stale`: the session changed while the server answered (logout, another login); leave it alone. */
type Outcome = { kind: 'ok'; session: Session } | { kind: 'refused' } | { kind: 'unreachable' } | { kind: 'stale' };

/**
 * Trades the HttpOnly `oms_refresh` cookie for a new access token (the server
 * rotates the cookie in the same answer). A plain `fetch`, not the API
 * client: its middleware must not add a token to this call or refresh again
 * when it fails.
 */
async function callRefresh(): Promise<TokenResponse | 'refused' | 'unreachable'> {
  let response: Response;
  try {
    response = await fetch(new Request(refreshPath, { method: 'POST', credentials: 'same-origin' }));
  } catch {
    return 'unreachable';
  }
  if (!response.ok) {
    return response.status >= 500 ? 'unreachable' : 'refused';
  }
  try {
    return (await response.json()) as TokenResponse;
  } catch {
    return 'unreachable';
  }
}

async function fetchMe(accessToken: string): Promise<Me | null> {
  try {
    const response = await fetch(new Request('/api/v1/me', { headers: { Authorization: `Bearer ${accessToken}` } }));
    return response.ok ? ((await response.json()) as Me) : null;
  } catch {
    return null;
  }
}

async function refreshOnce(): Promise<Outcome> {
  const renewing = getSession() !== null; // else restoring: a reload or a new tab
  const issuedAt = Date.now();
  const token = await callRefresh();
  if (token === 'refused' || token === 'unreachable') {
    return { kind: token };
  }
  const expiresAt = issuedAt + token.expires_in * 1000;
  if (renewing) {
    // Null when the user logged out meanwhile: the new token is simply dropped.
    const replaced = replaceAccessToken(token.access_token, expiresAt);
    return replaced ? { kind: 'ok', session: replaced } : { kind: 'stale' };
  }
  // Find out who the cookie belongs to.
  const me = await fetchMe(token.access_token);
  if (!me) {
    return { kind: 'unreachable' };
  }
  if (!getSessionState().restoring) {
    return { kind: 'stale' }; // logged out (or in as someone else) meanwhile
  }
  const session = { accessToken: token.access_token, expiresAt, me };
  startSession(session);
  return { kind: 'ok', session };
}

/**
 * Every tab of this browser shares the one refresh cookie, and the server
 * treats a refresh token presented twice as stolen (it revokes the whole
 * login). The Web Locks API makes tabs take turns, so the second tab sends
 * the cookie the first one just received. Without it (old browsers, jsdom)
 * the in-tab deduplication below still holds.
 */
function withLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? (locks.request('oms.auth.refresh', task) as Promise<T>) : task();
}

let inFlight: Promise<Session | null> | null = null;

/**
 * Gets a new access token from the refresh cookie. Concurrent callers share
 * one request. When the server refuses (cookie missing, used or revoked), the
 * session ends as it always did; when it cannot be reached, the session ends
 * too (the token is no good) but a reload may still restore it.
 *
 * Resolves to the new session, or null when there is none.
 */
export function refreshSession(): Promise<Session | null> {
  if (!inFlight) {
    inFlight = withLock(async () => {
      const outcome = await refreshOnce();
      if (outcome.kind === 'ok') {
        return outcome.session;
      }
      if (outcome.kind === 'stale') {
        return getSession();
      }
      endSession('expired', { keepHint: outcome.kind === 'unreachable' });
      return null;
    }).finally(() => {
      inFlight = null;
    });
  }
  return inFlight;
}

/**
 * Called once when the app starts without an access token but with the
 * "logged in here" flag: signs the user in again from the refresh cookie.
 */
export function restoreSession(): Promise<Session | null> {
  if (!getSessionState().restoring) {
    return Promise.resolve(getSession());
  }
  return refreshSession();
}

/**
 * A token that still works for the caller: the session's, refreshed first
 * when it expires within `marginMs`. Null without a session.
 */
export async function freshAccessToken(marginMs = 10_000): Promise<string | null> {
  const session = getSession();
  if (!session) {
    return null;
  }
  if (session.expiresAt - Date.now() > marginMs) {
    return session.accessToken;
  }
  return (await refreshSession())?.accessToken ?? null;
}
