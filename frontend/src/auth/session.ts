import { useSyncExternalStore } from 'react';
import type { JsonResponse } from '../api/client';
import { SESSION_STORAGE_KEY } from './storageKey';

export { SESSION_STORAGE_KEY };

/** The signed-in caller, as `GET /api/v1/me` describes them. */
export type Me = JsonResponse<'/api/v1/me', 200>;

export interface Session {
  accessToken: string;
  /** Epoch milliseconds after which the server no longer accepts the token. */
  expiresAt: number;
  me: Me;
}

/** Why the last session ended: the user logged out, or the server stopped accepting the token. */
export type EndReason = 'logout' | 'expired';

export interface SessionState {
  session: Session | null;
  /** Set when a session ended since the page loaded (or expired while the tab was closed). */
  endReason: EndReason | null;
}

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const v = value as Partial<Session>;
  return typeof v.accessToken === 'string' && typeof v.expiresAt === 'number' && typeof v.me === 'object' && v.me !== null;
}

/**
 * The access token lives in sessionStorage: it is gone when the tab closes,
 * is not sent to the server by the browser on its own (no CSRF), and expires
 * within 15 minutes anyway. Refresh tokens will arrive later in an HttpOnly
 * cookie (out of reach of scripts); until then an expired token means logging
 * in again.
 */
function readStorage(now = Date.now()): SessionState {
  let raw: string | null = null;
  try {
    raw = window.sessionStorage.getItem(SESSION_STORAGE_KEY);
  } catch {
    return { session: null, endReason: null }; // storage disabled: nobody is logged in
  }
  if (!raw) {
    return { session: null, endReason: null };
  }
  try {
    const parsed: unknown = JSON.parse(raw);
    if (isSession(parsed)) {
      if (parsed.expiresAt > now) {
        return { session: parsed, endReason: null };
      }
      window.sessionStorage.removeItem(SESSION_STORAGE_KEY);
      return { session: null, endReason: 'expired' };
    }
  } catch {
    // not ours or corrupted: forget it
  }
  window.sessionStorage.removeItem(SESSION_STORAGE_KEY);
  return { session: null, endReason: null };
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

/** Starts a session after a successful login. */
export function startSession(session: Session): void {
  update({ session, endReason: null });
}

/** Ends the current session (does nothing when there is none). */
export function endSession(reason: EndReason): void {
  if (!state.session) {
    return;
  }
  update({ session: null, endReason: reason });
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
