import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Me } from '../../auth/session';
import { getSession, SIGNED_IN_HINT_KEY } from '../../auth/session';
import { mockFetch, problem, requestsTo } from '../../test/fetchMock';
import { currentUrl, renderRoutes } from '../../test/renderRoutes';
import { adminMe, signIn } from '../../test/session';

const casey: Me = {
  id: '01a21399-d8a0-7000-8000-000000000001',
  type: 'consumer',
  name: 'Casey Consumer',
  email: 'casey@example.com',
  roles: ['customer'],
  registration_id: 'REG-2026-000001',
  login_id: 'C000001',
  phone: '+14155550123',
};

async function fill(element: HTMLElement, text: string) {
  await userEvent.click(element);
  await userEvent.paste(text);
}

describe('My account', () => {
  it('sends someone without a session to log in first', async () => {
    mockFetch({});
    const router = renderRoutes('/account');
    expect(await screen.findByRole('heading', { level: 1, name: 'Log in' })).toBeInTheDocument();
    expect(currentUrl(router)).toBe('/login?next=%2Faccount');
  });

  it('shows the Registration ID and Login ID with copy buttons, and the rest of the profile', async () => {
    mockFetch({ '/api/v1/me': { status: 200, body: casey } });
    signIn(casey);
    renderRoutes('/account');
    expect(await screen.findByRole('heading', { level: 1, name: 'My account' })).toBeInTheDocument();
    const details = screen.getByRole('region', { name: 'Your details' });
    expect(within(details).getByTestId('registration-id')).toHaveTextContent('REG-2026-000001');
    expect(within(details).getByTestId('login-id')).toHaveTextContent('C000001');
    expect(within(details).getByRole('button', { name: 'Copy Registration ID' })).toBeInTheDocument();
    expect(within(details).getByRole('button', { name: 'Copy Login ID' })).toBeInTheDocument();
    expect(within(details).getByText('Personal (consumer)')).toBeInTheDocument();
    expect(within(details).getByText('casey@example.com')).toBeInTheDocument();
    expect(within(details).getByText('+14155550123')).toBeInTheDocument();
  });

  it('shows staff their own details and roles', async () => {
    mockFetch({ '/api/v1/me': { status: 200, body: adminMe } });
    signIn(adminMe);
    renderRoutes('/account');
    const details = await screen.findByRole('region', { name: 'Your details' });
    expect(within(details).getByText('Staff')).toBeInTheDocument();
    expect(within(details).getByText('Admin')).toBeInTheDocument();
    expect(within(details).queryByTestId('login-id')).not.toBeInTheDocument();
  });

  it('puts a wrong current password (422) under that field', async () => {
    mockFetch({
      '/api/v1/me': { status: 200, body: casey },
      '/api/v1/me/password': problem(422, 'Unprocessable Entity', 'validation failed', {
        errors: [{ field: 'current_password', message: 'is not your current password' }],
      }),
    });
    signIn(casey);
    renderRoutes('/account');
    const form = await screen.findByRole('region', { name: 'Change password' });
    await fill(within(form).getByLabelText(/^Current password/), 'wrong-password');
    await fill(within(form).getByLabelText(/^New password/), 'saffron kettle orbit');
    await userEvent.click(within(form).getByRole('button', { name: 'Change password' }));
    const current = within(form).getByLabelText(/^Current password/);
    await waitFor(() => expect(current).toHaveAttribute('aria-invalid', 'true'));
    expect(within(form).getByText('Current password is not your current password.')).toBeInTheDocument();
    expect(getSession()).not.toBeNull();
  });

  it('checks the new password first: long enough, not the name', async () => {
    const fetchMock = mockFetch({ '/api/v1/me': { status: 200, body: casey } });
    signIn(casey);
    renderRoutes('/account');
    const form = await screen.findByRole('region', { name: 'Change password' });
    await fill(within(form).getByLabelText(/^Current password/), 'oms-demo-password');
    await fill(within(form).getByLabelText(/^New password/), 'casey forever and ever');
    await userEvent.click(within(form).getByRole('button', { name: 'Change password' }));
    expect(await within(form).findByText('Do not use your name or email address in the password')).toBeInTheDocument();
    expect(requestsTo(fetchMock, '/api/v1/me/password')).toHaveLength(0);
  });

  it('after a change, logs out and says to log in with the new password', async () => {
    const fetchMock = mockFetch({ '/api/v1/me': { status: 200, body: casey }, '/api/v1/me/password': { status: 204, body: null } });
    signIn(casey);
    const router = renderRoutes('/account');
    const form = await screen.findByRole('region', { name: 'Change password' });
    await fill(within(form).getByLabelText(/^Current password/), 'oms-demo-password');
    await fill(within(form).getByLabelText(/^New password/), 'saffron kettle orbit');
    await userEvent.click(within(form).getByRole('button', { name: 'Change password' }));

    expect(await screen.findByText('Password changed')).toBeInTheDocument();
    expect(screen.getByText(/Log in with the new one/)).toBeInTheDocument();
    expect(currentUrl(router)).toBe('/login?reason=password-changed');
    expect(getSession()).toBeNull();
    expect(window.localStorage.getItem(SIGNED_IN_HINT_KEY)).toBeNull();
    expect(await requestsTo(fetchMock, '/api/v1/me/password')[0]?.json()).toEqual({
      current_password: 'oms-demo-password',
      new_password: 'saffron kettle orbit',
    });
  });
});
