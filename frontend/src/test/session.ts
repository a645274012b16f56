import { startSession, type Me, type Session } from '../auth/session';

export const adminMe: Me = {
  id: '01a21375-0093-7469-bb72-c9c306ccdd8f',
  type: 'staff',
  name: 'Avery Admin',
  email: 'admin@oms.example.com',
  roles: ['admin'],
};

export const supportMe: Me = { ...adminMe, id: '01a21375-00db-772f-9a3a-8ae3a5768e3e', name: 'Sam Support', email: 'support@oms.example.com', roles: ['support'] };

/** Starts a session as if the user had logged in (token valid for 15 minutes). */
export function signIn(me: Me = adminMe, accessToken = 'test-token'): Session {
  const session = { accessToken, expiresAt: Date.now() + 15 * 60_000, me };
  startSession(session);
  return session;
}
