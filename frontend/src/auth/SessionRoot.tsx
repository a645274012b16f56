import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { loginPath } from './redirects';
import { refreshAheadMs, refreshSession, restoreSession } from './refresh';
import { useSessionState, type Session } from './session';

/**
 * The root of every route. It looks after the session:
 * - a page loaded without an access token but after a login in this browser
 *   signs in again from the refresh cookie (`restoreSession`);
 * - shortly before the access token expires it is refreshed; if that fails
 *   the session ends;
 * - when a session ends (logout, a refused refresh, a changed password), data
 *   read with it is dropped from the cache and the user is sent to the login
 *   page, with `next` (expiry) so they come back to where they were.
 */
export function SessionRoot() {
  const { session, endReason, restoring } = useSessionState();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const previous = useRef<Session | null>(session);
  const here = `${location.pathname}${location.search}`;
  const hereRef = useRef(here);
  hereRef.current = here;

  useEffect(() => {
    if (restoring) {
      void restoreSession();
    }
  }, [restoring]);

  useEffect(() => {
    const had = previous.current;
    previous.current = session;
    if (!had || session) {
      return;
    }
    // Only what the server answered to this user goes; public data (system status) stays.
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'system' });
    const next = endReason === 'expired' ? hereRef.current : null;
    // Replace: the page just left cannot be shown any more, so Back should not return to it.
    void navigate(loginPath({ next, reason: endReason }), { replace: true });
  }, [session, endReason, navigate, queryClient]);

  useEffect(() => {
    if (!session) {
      return undefined;
    }
    const timer = window.setTimeout(
      () => void refreshSession(),
      Math.max(0, session.expiresAt - Date.now() - refreshAheadMs),
    );
    return () => window.clearTimeout(timer);
  }, [session]);

  return <Outlet />;
}
