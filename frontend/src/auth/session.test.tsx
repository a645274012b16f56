import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockFetch, problem, requestsTo } from '../test/fetchMock';
import { currentUrl, renderRoutes } from '../test/renderRoutes';
import { adminMe, signIn } from '../test/session';
import { loginPath, safeNext } from './redirects';
import { refreshAheadMs } from './refresh';
import { getSession, reloadSession, SESSION_STORAGE_KEY, SIGNED_IN_HINT_KEY } from './session';

const systemRoutes = {
  '/api/v1/version': { status: 200, body: { name: 'omsd', version: 'dev', commit: '', demo: true } },
  '/readyz': { status: 200, body: { status: 'ok', checks: {} } },
};

describe('back-office guard', () => {
  it('sends someone without a session to the login page, with `next`', async () => {
    mockFetch(systemRoutes);
    const router = renderRoutes('/admin/messages?status=failed');
    expect(await screen.findByRole('heading', { level: 1, name: 'Log in' })).toBeInTheDocument();
    expect(currentUrl(router)).toBe(`/login?next=${encodeURIComponent('/admin/messages?status=failed')}`);
    expect(screen.queryByText('Your session ended')).not.toBeInTheDocument();
  });

  it('shows the staff member’s name and role in the header', async () => {
    mockFetch(systemRoutes);
    signIn();
    renderRoutes('/admin');
    const header = await screen.findByRole('banner');
    // Once for wide screens, once (two small lines) for phones; CSS shows one.
    expect(within(header).getAllByText('Avery Admin')).toHaveLength(2);
    expect(within(header).getByText('Admin', { selector: '.mantine-Badge-label' })).toBeInTheDocument();
  });
});

describe('session', () => {
  it('a 401 the refresh cookie cannot fix clears the session and sends the user to log in again, then back', async () => {
    let messagesAnswer = problem(401, 'Unauthorized', 'sign in first');
    const fetchMock = mockFetch({
      ...systemRoutes,
      '/api/v1/admin/messages': () => messagesAnswer,
      '/api/v1/auth/refresh': problem(401, 'Unauthorized', 'the refresh token is invalid or has expired: log in again'),
      '/api/v1/auth/login': { status: 200, body: { access_token: 'tok-2', token_type: 'Bearer', expires_in: 900 } },
      '/api/v1/me': { status: 200, body: adminMe },
    });
    signIn(adminMe, 'old-token');
    const router = renderRoutes('/admin/messages?status=failed');

    expect(await screen.findByText('Your session ended')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    const params = new URLSearchParams(router.state.location.search);
    expect(params.get('next')).toBe('/admin/messages?status=failed');
    expect(params.get('reason')).toBe('session-ended');
    expect(getSession()).toBeNull();
    expect(window.sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(requestsTo(fetchMock, '/api/v1/admin/messages')[0]?.headers.get('Authorization')).toBe('Bearer old-token');
    expect(requestsTo(fetchMock, '/api/v1/auth/refresh')).toHaveLength(1);

    // Logging in again returns to the page the user was on.
    messagesAnswer = { status: 200, body: { items: [], next_cursor: null } };
    await userEvent.type(screen.getByLabelText(/Login ID or email/), 'admin@oms.example.com');
    await userEvent.type(screen.getByLabelText(/^Password/), 'oms-demo-password{Enter}');
    expect(await screen.findByRole('heading', { level: 1, name: 'Messages' })).toBeInTheDocument();
    expect(currentUrl(router)).toBe('/admin/messages?status=failed');
  });

  it('a 401 to a request without the session’s token does not end the session', async () => {
    mockFetch({ ...systemRoutes, '/api/v1/auth/login': problem(401, 'Unauthorized', 'the login or password is wrong') });
    const { api } = await import('../api/client');
    const session = signIn();
    await api.POST('/api/v1/auth/login', { body: { login: 'x', password: 'y' } });
    expect(getSession()).toBe(session);
  });

  it('logging out ends the login on the server, clears the session and shows the login page', async () => {
    const fetchMock = mockFetch({ ...systemRoutes, '/api/v1/auth/logout': { status: 204, body: null } });
    signIn();
    const router = renderRoutes('/admin');
    await userEvent.click(within(await screen.findByRole('banner')).getAllByRole('button', { name: 'Log out' })[0]!);

    expect(await screen.findByText('You are logged out.')).toBeInTheDocument();
    expect(currentUrl(router)).toBe('/login?reason=logged-out');
    const [logout] = requestsTo(fetchMock, '/api/v1/auth/logout');
    expect(logout?.method).toBe('POST');
    expect(logout?.headers.get('Authorization')).toBeNull(); // the cookie says which login
    expect(getSession()).toBeNull();
    expect(window.localStorage.getItem(SIGNED_IN_HINT_KEY)).toBeNull();
    expect(window.sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it('a stored session whose token expired counts as ended', async () => {
    mockFetch(systemRoutes);
    window.sessionStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ accessToken: 't', expiresAt: Date.now() - 1000, me: adminMe }),
    );
    reloadSession();
    expect(getSession()).toBeNull();
    const router = renderRoutes('/admin');
    expect(await screen.findByText('Your session ended')).toBeInTheDocument();
    expect(currentUrl(router)).toBe('/login?next=%2Fadmin&reason=session-ended');
  });

  it('ends the session when the token’s lifetime is over and the refresh is refused', async () => {
    mockFetch({ ...systemRoutes, '/api/v1/auth/refresh': problem(401, 'Unauthorized', 'log in again') });
    const session = signIn();
    // The timer refreshes a minute before expiry, i.e. 300 ms from now (it reads this when the page renders).
    session.expiresAt = Date.now() + refreshAheadMs + 300;
    renderRoutes('/admin');
    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText('Your session ended')).toBeInTheDocument());
    expect(getSession()).toBeNull();
  });
});

describe('redirect helpers', () => {
  it('follows only same-site paths after login', () => {
    expect(safeNext('/admin/messages?channel=sms')).toBe('/admin/messages?channel=sms');
    for (const bad of [null, '', 'admin', '//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '/login?next=/admin']) {
      expect(safeNext(bad)).toBeNull();
    }
  });

  it('builds the login URL', () => {
    expect(loginPath()).toBe('/login');
    expect(loginPath({ next: '/admin?x=1', reason: 'expired' })).toBe('/login?next=%2Fadmin%3Fx%3D1&reason=session-ended');
    expect(loginPath({ reason: 'logout' })).toBe('/login?reason=logged-out');
    expect(loginPath({ next: '//evil.example' })).toBe('/login');
  });
});
