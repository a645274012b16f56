import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { loginPath } from './redirects';
import { RestoringSession } from './RestoringSession';
import { useSessionState } from './session';

/** Renders its children for anyone logged in (customer or staff); everyone else is sent to log in. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { session, endReason, restoring } = useSessionState();
  const location = useLocation();

  if (restoring) {
    return <RestoringSession />;
  }
  if (!session) {
    const next = endReason === 'logout' || endReason === 'password-changed' ? null : `${location.pathname}${location.search}`;
    return <Navigate to={loginPath({ next, reason: endReason })} replace />;
  }
  return children;
}
