import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { loginPath } from './redirects';
import { endSession, useSessionState, type Session } from './session';

/**
 * The root of every route. It watches the session:
 * - when the access token's lifetime is over, the session ends;
 * - when a session ends (logout, expiry, or a 401 from the API), data read
 *   with it is dropped from the cache and the user is sent to the login page,
 *   with `next` (expiry) so they come back to where they were.
 */
export function SessionRoot() {
  const { session, endReason } = useSessionState();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const previous = useRef<Session | null>(session);
  const here = `${location.pathname}${location.search}`;
  const hereRef = useRef(here);
  hereRef.current = here;

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
    const timer = window.setTimeout(() => endSession('expired'), Math.max(0, session.expiresAt - Date.now()));
    return () => window.clearTimeout(timer);
  }, [session]);

  return <Outlet />;
}
