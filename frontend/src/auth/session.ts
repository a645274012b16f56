import { useSyncExternalStore } from 'react';
import type { JsonResponse } from '../api/client';
import { SESSION_STORAGE_KEY, SIGNED_IN_HINT_KEY } from './storageKey';

export { SESSION_STORAGE_KEY, SIGNED_IN_HINT_KEY };

/** The signed-in caller, as `GET /api/v1/me` describes them. */
export type Me = JsonResponse<'/api/v1/me', 200>;

export interface Session {
  accessToken: string;
  /** Epoch milliseconds after which the server no longer accepts the token. */
  expiresAt: number;
  me: Me;
}

/**
 * Why the last session ended: the user logged out, the server stopped
 * accepting the token (and the refresh cookie could not renew it), or the
 * password was changed (which ends every login of the account).
 */
export type EndReason = 'logout' | 'expired' | 'password-changed';

export interface SessionState {
  session: Session | null;
  /** Set when a session ended since the page loaded (or expired while the tab was closed). */
  endReason: EndReason | null;
  /**
   * No usable access token, but this browser logged in before and may still
   * hold the refresh cookie: `restoreSession()` is (or will be) asking the
   * server. Guards wait instead of sending the user to the login page.
   */
  restoring: boolean;
}

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const v = value as Partial<Session>;
  return typeof v.accessToken === 'string' && typeof v.expiresAt === 'number' && typeof v.me === 'object' && v.me !== null;
}

/**
 * The refresh token is an HttpOnly cookie that scripts cannot see. This flag
 * in localStorage (no secret: just "someone logged in here") says whether it
 * is worth asking the server for a new access token when the page has none,
 * so anonymous visitors never call `/auth/refresh`. localStorage, not
 * sessionStorage: the cookie is shared by every tab, so a new tab restores
 * the login too.
 */
export function hasSignedInHint(): boolean {
  try {
    return window.localStorage.getItem(SIGNED_IN_HINT_KEY) === '1';
  } catch {
    return false;
  }
}

function setSignedInHint(on: boolean): void {
  try {
    if (on) {
      window.localStorage.setItem(SIGNED_IN_HINT_KEY, '1');
    } else {
      window.localStorage.removeItem(SIGNED_IN_HINT_KEY);
    }
  } catch {
    // storage disabled: a reload then means logging in again
  }
}

/**
 * The access token lives in sessionStorage (and memory): it is gone when the
 * tab closes, is not sent by the browser on its own (no CSRF), and expires
 * within 15 minutes. The long-lived refresh token is the HttpOnly
 * `oms_refresh` cookie, out of reach of scripts; `refresh.ts` trades it for
 * a new access token.
 */
function readStorage(now = Date.now()): SessionState {
  const restoring = hasSignedInHint();
  let raw: string | null = null;
  try {
    raw = window.sessionStorage.getItem(SESSION_STORAGE_KEY);
  } catch {
    return { session: null, endReason: null, restoring: false }; // storage disabled: nobody is logged in
  }
  if (!raw) {
    return { session: null, endReason: null, restoring };
  }
  try {
    const parsed: unknown = JSON.parse(raw);
    if (isSession(parsed)) {
      if (parsed.expiresAt > now) {
        return { session: parsed, endReason: null, restoring: false };
      }
      window.sessionStorage.removeItem(SESSION_STORAGE_KEY);
      return { session: null, endReason: 'expired', restoring };
    }
  } catch {
    // not ours or corrupted: forget it
  }
  window.sessionStorage.removeItem(SESSION_STORAGE_KEY);
  return { session: null, endReason: null, restoring };
}

function writeStorage(session: Session | null): void {
  try {
    if (session) {
      window.sessionStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
    } else {
      window.sessionStorage.removeItem(SESSION_STORAGE_KEY);
    }
  } catch {
    // storage full or disabled: the session still lives in memory for this page
  }
}

let state: SessionState = readStorage();
const listeners = new Set<() => void>();

function update(next: SessionState): void {
  state = next;
  writeStorage(next.session);
  for (const listener of listeners) {
    listener();
  }
}

export function getSessionState(): SessionState {
  return state;
}

export function getSession(): Session | null {
  return state.session;
}

/** Starts a session after a successful login (or a restore from the refresh cookie). */
export function startSession(session: Session): void {
  setSignedInHint(true);
  update({ session, endReason: null, restoring: false });
}

/** Swaps in a refreshed access token; who is logged in stays the same. */
export function replaceAccessToken(accessToken: string, expiresAt: number): Session | null {
  if (!state.session) {
    return null;
  }
  const session = { ...state.session, accessToken, expiresAt };
  update({ ...state, session });
  return session;
}

/**
 * Ends the current session (does nothing when there is none). `keepHint`
 * leaves the "logged in here" flag when the refresh cookie may still work
 * (the server could not be reached), so a reload can restore the login.
 */
export function endSession(reason: EndReason, options: { keepHint?: boolean } = {}): void {
  if (!options.keepHint) {
    setSignedInHint(false);
  }
  if (!state.session && !state.restoring) {
    return;
  }
  update({ session: null, endReason: state.session ? reason : state.endReason, restoring: false });
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Re-reads sessionStorage (tests start each case from a clean slate with it). */
export function reloadSession(): void {
  state = readStorage();
  for (const listener of listeners) {
    listener();
  }
}

export function useSessionState(): SessionState {
  return useSyncExternalStore(subscribeSession, getSessionState, getSessionState);
}

export function useSession(): Session | null {
  return useSessionState().session;
}
