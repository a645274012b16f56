import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { api } from '../api/client';
import { mockFetch, problem, requestsTo, type FakeResponse } from '../test/fetchMock';
import { currentUrl, renderRoutes } from '../test/renderRoutes';
import { adminMe, signIn } from '../test/session';
import { refreshAheadMs, refreshSession } from './refresh';
import { getSession, reloadSession, SESSION_STORAGE_KEY, SIGNED_IN_HINT_KEY } from './session';

const systemRoutes = {
  '/api/v1/version': { status: 200, body: { name: 'omsd', version: 'dev', commit: '', demo: true } },
  '/readyz': { status: 200, body: { status: 'ok', checks: {} } },
};
const emptyPage = { status: 200, body: { items: [], next_cursor: null } };
const newToken = (token: string): FakeResponse => ({
  status: 200,
  body: { access_token: token, token_type: 'Bearer', expires_in: 900 },
});

/** Answers 401 to the old token and 200 to `good`. */
function acceptsOnly(good: string) {
  return (request: Request): FakeResponse =>
    request.headers.get('Authorization') === `Bearer ${good}` ? emptyPage : problem(401, 'Unauthorized', 'token expired');
}

/** A response that arrives only when `release` is called: lets a test hold a refresh in flight. */
function deferred(response: FakeResponse) {
  let release: () => void = () => {};
  const promise = new Promise<FakeResponse>((resolve) => {
    release = () => resolve(response);
  });
  return { handler: () => promise, release: () => release() };
}

describe('refresh on 401', () => {
  it('refreshes once for two requests failing at the same time, then sends both again with the new token', async () => {
    const refresh = deferred(newToken('tok-new'));
    const fetchMock = mockFetch({
      '/api/v1/admin/messages': acceptsOnly('tok-new'),
      '/api/v1/admin/registrations': acceptsOnly('tok-new'),
      '/api/v1/auth/refresh': refresh.handler,
    });
    signIn(adminMe, 'tok-old');

    const first = api.GET('/api/v1/admin/messages');
    const second = api.GET('/api/v1/admin/registrations');
    // Both have failed and wait for the one refresh.
    await waitFor(() => expect(requestsTo(fetchMock, '/api/v1/auth/refresh')).toHaveLength(1));
    refresh.release();
    const [a, b] = await Promise.all([first, second]);

    expect(a.response.status).toBe(200);
    expect(b.response.status).toBe(200);
    expect(requestsTo(fetchMock, '/api/v1/auth/refresh')).toHaveLength(1);
    const [refreshCall] = requestsTo(fetchMock, '/api/v1/auth/refresh');
    expect(refreshCall?.method).toBe('POST');
    expect(refreshCall?.headers.get('Authorization')).toBeNull();
    expect(refreshCall?.credentials).toBe('same-origin'); // the HttpOnly cookie goes with it
    expect(await refreshCall?.text()).toBe(''); // empty body: the server reads the cookie

    const tokens = (path: string) => requestsTo(fetchMock, path).map((r) => r.headers.get('Authorization'));
    expect(tokens('/api/v1/admin/messages')).toEqual(['Bearer tok-old', 'Bearer tok-new']);
    expect(tokens('/api/v1/admin/registrations')).toEqual(['Bearer tok-old', 'Bearer tok-new']);
    expect(getSession()).toMatchObject({ accessToken: 'tok-new', me: { name: 'Avery Admin' } });
    expect(JSON.parse(window.sessionStorage.getItem(SESSION_STORAGE_KEY) ?? '{}')).toMatchObject({ accessToken: 'tok-new' });
  });

  it('sends a request body again after the refresh (it is read only once)', async () => {
    const fetchMock = mockFetch({
      '/api/v1/admin/registrations/a1/reject': (request) =>
        request.headers.get('Authorization') === 'Bearer tok-new'
          ? { status: 200, body: { id: 'a1', status: 'rejected' } }
          : problem(401, 'Unauthorized', 'token expired'),
      '/api/v1/auth/refresh': newToken('tok-new'),
    });
    signIn(adminMe, 'tok-old');
    const { response } = await api.POST('/api/v1/admin/registrations/{id}/reject', {
      params: { path: { id: 'a1' } },
      body: { reason: 'No such company' },
    });
    expect(response.status).toBe(200);
    const calls = requestsTo(fetchMock, '/api/v1/admin/registrations/a1/reject');
    expect(calls).toHaveLength(2);
    expect(await calls[1]?.json()).toEqual({ reason: 'No such company' });
  });

  it('ends the session when the refresh is refused, and sends the user to log in with `next`', async () => {
    const fetchMock = mockFetch({
      ...systemRoutes,
      '/api/v1/admin/messages': problem(401, 'Unauthorized', 'token expired'),
      '/api/v1/auth/refresh': problem(401, 'Unauthorized', 'the refresh token is invalid or has expired: log in again'),
    });
    signIn(adminMe, 'tok-old');
    const router = renderRoutes('/admin/messages');

    expect(await screen.findByText('Your session ended')).toBeInTheDocument();
    expect(currentUrl(router)).toBe('/login?next=%2Fadmin%2Fmessages&reason=session-ended');
    expect(getSession()).toBeNull();
    expect(window.localStorage.getItem(SIGNED_IN_HINT_KEY)).toBeNull();
    expect(requestsTo(fetchMock, '/api/v1/auth/refresh')).toHaveLength(1);
    expect(requestsTo(fetchMock, '/api/v1/admin/messages')).toHaveLength(1); // not sent again
  });

  it('ends the session when even the new token is refused (account disabled)', async () => {
    mockFetch({
      '/api/v1/admin/messages': problem(401, 'Unauthorized', 'account disabled'),
      '/api/v1/auth/refresh': newToken('tok-new'),
    });
    signIn(adminMe, 'tok-old');
    const { response } = await api.GET('/api/v1/admin/messages');
    expect(response.status).toBe(401);
    expect(getSession()).toBeNull();
  });

  it('a request that fails after another one refreshed uses the new token without refreshing again', async () => {
    let releaseOld: () => void = () => {};
    const oldAnswer = new Promise<FakeResponse>((resolve) => {
      releaseOld = () => resolve(problem(401, 'Unauthorized', 'token expired'));
    });
    const fetchMock = mockFetch({
      '/api/v1/admin/messages': (request) =>
        request.headers.get('Authorization') === 'Bearer tok-new' ? emptyPage : oldAnswer,
      '/api/v1/auth/refresh': newToken('tok-new'),
    });
    signIn(adminMe, 'tok-old');
    const slow = api.GET('/api/v1/admin/messages'); // leaves with tok-old; its 401 comes late
    await waitFor(() => expect(requestsTo(fetchMock, '/api/v1/admin/messages')).toHaveLength(1));
    await refreshSession(); // meanwhile another request refreshed
    releaseOld();
    const { response } = await slow;
    expect(response.status).toBe(200);
    expect(requestsTo(fetchMock, '/api/v1/auth/refresh')).toHaveLength(1);
    expect(requestsTo(fetchMock, '/api/v1/admin/messages').map((r) => r.headers.get('Authorization'))).toEqual([
      'Bearer tok-old',
      'Bearer tok-new',
    ]);
  });
});

describe('refresh before expiry', () => {
  it('refreshes a token about to expire before sending the request', async () => {
    const fetchMock = mockFetch({
      '/api/v1/admin/messages': acceptsOnly('tok-new'),
      '/api/v1/auth/refresh': newToken('tok-new'),
    });
    const session = signIn(adminMe, 'tok-old');
    session.expiresAt = Date.now() + 5_000;
    const { response } = await api.GET('/api/v1/admin/messages');
    expect(response.status).toBe(200);
    expect(requestsTo(fetchMock, '/api/v1/admin/messages').map((r) => r.headers.get('Authorization'))).toEqual([
      'Bearer tok-new',
    ]);
    expect(getSession()?.expiresAt).toBeGreaterThan(Date.now() + 800_000);
  });

  it('refreshes a minute before expiry while the page sits open, and the user stays logged in', async () => {
    const fetchMock = mockFetch({ ...systemRoutes, '/api/v1/auth/refresh': newToken('tok-new') });
    const session = signIn(adminMe, 'tok-old');
    session.expiresAt = Date.now() + refreshAheadMs + 200;
    renderRoutes('/admin');
    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeInTheDocument();
    await waitFor(() => expect(getSession()?.accessToken).toBe('tok-new'));
    expect(requestsTo(fetchMock, '/api/v1/auth/refresh')).toHaveLength(1);
    expect(screen.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeInTheDocument();
  });
});

describe('restoring the login after a reload', () => {
  it('signs in again from the refresh cookie when the access token is gone', async () => {
    const fetchMock = mockFetch({
      ...systemRoutes,
      '/api/v1/auth/refresh': newToken('tok-restored'),
      '/api/v1/me': (request) =>
        request.headers.get('Authorization') === 'Bearer tok-restored'
          ? { status: 200, body: adminMe }
          : problem(401, 'Unauthorized', 'no'),
    });
    window.localStorage.setItem(SIGNED_IN_HINT_KEY, '1'); // logged in before, in this browser
    reloadSession();
    const router = renderRoutes('/admin');

    expect(screen.getByText('Signing you in…')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeInTheDocument();
    expect(currentUrl(router)).toBe('/admin');
    expect(getSession()).toMatchObject({ accessToken: 'tok-restored', me: { email: 'admin@oms.example.com' } });
    expect(requestsTo(fetchMock, '/api/v1/auth/refresh')).toHaveLength(1);
  });

  it('goes to the login page when the cookie is gone too', async () => {
    mockFetch({ ...systemRoutes, '/api/v1/auth/refresh': problem(401, 'Unauthorized', 'log in again') });
    window.localStorage.setItem(SIGNED_IN_HINT_KEY, '1');
    reloadSession();
    const router = renderRoutes('/admin/messages');
    expect(await screen.findByRole('heading', { level: 1, name: 'Log in' })).toBeInTheDocument();
    expect(currentUrl(router)).toBe('/login?next=%2Fadmin%2Fmessages');
    expect(window.localStorage.getItem(SIGNED_IN_HINT_KEY)).toBeNull();
  });

  it('never asks the server for visitors who did not log in here', async () => {
    const fetchMock = mockFetch(systemRoutes);
    renderRoutes('/');
    expect(await screen.findByText('Version dev')).toBeInTheDocument();
    expect(requestsTo(fetchMock, '/api/v1/auth/refresh')).toHaveLength(0);
  });
});
