import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockFetch, problem, requestsTo } from '../test/fetchMock';
import { currentUrl, renderRoutes } from '../test/renderRoutes';
import { adminMe } from '../test/session';
import { getSession, SESSION_STORAGE_KEY } from './session';

const systemRoutes = {
  '/api/v1/version': { status: 200, body: { name: 'omsd', version: 'dev', commit: '', demo: true } },
  '/readyz': { status: 200, body: { status: 'ok', checks: {} } },
};
const token = { status: 200, body: { access_token: 'tok-1', token_type: 'Bearer', expires_in: 900 } };

function fields() {
  return {
    login: screen.getByLabelText(/Login ID or email/),
    password: screen.getByLabelText(/^Password/),
    submit: screen.getByRole('button', { name: 'Log in' }),
  };
}

describe('LoginPage', () => {
  it('has labelled inputs with the autocomplete hints password managers need', () => {
    mockFetch(systemRoutes);
    renderRoutes('/login');
    expect(screen.getByRole('heading', { level: 1, name: 'Log in' })).toBeInTheDocument();
    const { login, password } = fields();
    expect(login).toHaveAttribute('autocomplete', 'username');
    expect(password).toHaveAttribute('autocomplete', 'current-password');
    expect(password).toHaveAttribute('type', 'password');
  });

  it('checks that both fields are filled in before asking the server', async () => {
    const fetchMock = mockFetch(systemRoutes);
    renderRoutes('/login');
    const { login, password, submit } = fields();

    await userEvent.click(submit);

    expect(await screen.findByText('Enter your Login ID or email')).toBeInTheDocument();
    expect(screen.getByText('Enter your password')).toBeInTheDocument();
    expect(login).toHaveAttribute('aria-invalid', 'true');
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(login).toHaveFocus();
    expect(requestsTo(fetchMock, '/api/v1/auth/login')).toHaveLength(0);

    // Whitespace is not a login either.
    await userEvent.type(login, '   ');
    await userEvent.type(password, 'secret');
    await userEvent.click(submit);
    expect(await screen.findByText('Enter your Login ID or email')).toBeInTheDocument();
    expect(screen.queryByText('Enter your password')).not.toBeInTheDocument();
    expect(requestsTo(fetchMock, '/api/v1/auth/login')).toHaveLength(0);
  });

  it('shows the API detail under the form when the credentials are wrong (401)', async () => {
    const fetchMock = mockFetch({
      ...systemRoutes,
      '/api/v1/auth/login': problem(401, 'Unauthorized', 'the login or password is wrong'),
    });
    const router = renderRoutes('/login?next=%2Fadmin%2Fmessages');
    const { login, password } = fields();

    await userEvent.type(login, 'admin@oms.example.com');
    await userEvent.type(password, 'wrong{Enter}'); // Enter submits

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The login or password is wrong.')).toBeInTheDocument();
    expect(getSession()).toBeNull();
    expect(currentUrl(router)).toBe('/login?next=%2Fadmin%2Fmessages');
    // A wrong password is not an ended session: no "session ended" message.
    expect(screen.queryByText('Your session ended')).not.toBeInTheDocument();

    const [sent] = requestsTo(fetchMock, '/api/v1/auth/login');
    expect(await sent?.json()).toEqual({ login: 'admin@oms.example.com', password: 'wrong', use_cookie: true });
    expect(sent?.headers.get('Authorization')).toBeNull();
  });

  it('puts the per-field errors of a 422 under the fields they belong to', async () => {
    mockFetch({
      ...systemRoutes,
      '/api/v1/auth/login': problem(422, 'Unprocessable Entity', 'the request has invalid fields', {
        errors: [
          { field: 'login', message: 'must be at most 254 characters' },
          { field: 'password', message: 'must be at most 1024 characters' },
        ],
      }),
    });
    renderRoutes('/login');
    const { login, password, submit } = fields();

    await userEvent.type(login, 'a-very-long-login');
    await userEvent.type(password, 'p');
    await userEvent.click(submit);

    expect(await screen.findByText('Login ID or email must be at most 254 characters.')).toBeInTheDocument();
    expect(screen.getByText('Password must be at most 1024 characters.')).toBeInTheDocument();
    expect(login).toHaveAttribute('aria-invalid', 'true');
    expect(login).toHaveAccessibleDescription('Login ID or email must be at most 254 characters.');
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says how long to wait when there were too many failed logins (429)', async () => {
    mockFetch({
      ...systemRoutes,
      '/api/v1/auth/login': problem(429, 'Too Many Requests', 'too many failed logins for this account', {
        headers: { 'Retry-After': '840' },
      }),
    });
    renderRoutes('/login');
    const { login, password, submit } = fields();
    await userEvent.type(login, 'admin@oms.example.com');
    await userEvent.type(password, 'pw');
    await userEvent.click(submit);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many failed logins for this account. Try again in 840 seconds (about 14 minutes).',
    );
  });

  it('says so when the server cannot be reached', async () => {
    mockFetch(systemRoutes);
    renderRoutes('/login');
    const { login, password, submit } = fields();
    await userEvent.type(login, 'admin@oms.example.com');
    await userEvent.type(password, 'pw');
    await userEvent.click(submit);
    expect(await screen.findByRole('alert')).toHaveTextContent('The server could not be reached');
  });

  it('stores the session and goes to `next` after logging in', async () => {
    const fetchMock = mockFetch({
      ...systemRoutes,
      '/api/v1/auth/login': token,
      '/api/v1/me': { status: 200, body: adminMe },
      '/api/v1/admin/messages': { status: 200, body: { items: [], next_cursor: null } },
    });
    const router = renderRoutes('/login?next=%2Fadmin%2Fmessages%3Fchannel%3Dsms');
    const { login, password, submit } = fields();
    await userEvent.type(login, ' admin@oms.example.com ');
    await userEvent.type(password, 'oms-demo-password');
    await userEvent.click(submit);

    expect(await screen.findByRole('heading', { level: 1, name: 'Messages' })).toBeInTheDocument();
    expect(currentUrl(router)).toBe('/admin/messages?channel=sms');
    expect(getSession()).toMatchObject({ accessToken: 'tok-1', me: { name: 'Avery Admin' } });
    expect(JSON.parse(window.sessionStorage.getItem(SESSION_STORAGE_KEY) ?? '{}')).toMatchObject({ accessToken: 'tok-1' });
    expect(await requestsTo(fetchMock, '/api/v1/auth/login')[0]?.json()).toEqual({
      login: 'admin@oms.example.com',
      password: 'oms-demo-password',
      use_cookie: true, // the refresh token comes back as an HttpOnly cookie
    });
    expect(requestsTo(fetchMock, '/api/v1/me')[0]?.headers.get('Authorization')).toBe('Bearer tok-1');
    await waitFor(() => expect(requestsTo(fetchMock, '/api/v1/admin/messages')).not.toHaveLength(0));
    expect(requestsTo(fetchMock, '/api/v1/admin/messages')[0]?.headers.get('Authorization')).toBe('Bearer tok-1');
  });

  it('takes staff to the back office when there is no `next`, and ignores a `next` off the site', async () => {
    mockFetch({ ...systemRoutes, '/api/v1/auth/login': token, '/api/v1/me': { status: 200, body: adminMe } });
    const router = renderRoutes('/login?next=%2F%2Fevil.example%2F');
    const { login, password, submit } = fields();
    await userEvent.type(login, 'admin@oms.example.com');
    await userEvent.type(password, 'oms-demo-password');
    await userEvent.click(submit);

    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeInTheDocument();
    expect(currentUrl(router)).toBe('/admin');
  });

  it('explains why the user has to log in again', () => {
    mockFetch(systemRoutes);
    renderRoutes('/login?next=%2Fadmin&reason=session-ended');
    expect(screen.getByText('Your session ended')).toBeInTheDocument();
  });
});
