import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockFetch, problem, requestsTo } from '../../test/fetchMock';
import { currentUrl, renderRoutes } from '../../test/renderRoutes';

async function fill(element: HTMLElement, text: string) {
  await userEvent.click(element);
  await userEvent.paste(text);
}

describe('forgot and reset password', () => {
  it('the login page links to it', async () => {
    mockFetch({});
    const router = renderRoutes('/login');
    await userEvent.click(screen.getByRole('link', { name: 'Forgot your password?' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Forgot your password?' })).toBeInTheDocument();
    expect(currentUrl(router)).toBe('/forgot-password');
  });

  it('always says a code was emailed if the account exists, and leads to the code form', async () => {
    const fetchMock = mockFetch({ '/api/v1/auth/password-reset': { status: 202, body: null } });
    const router = renderRoutes('/forgot-password');
    await fill(await screen.findByRole('textbox', { name: /Login ID or email/ }), 'C000001');
    await userEvent.click(screen.getByRole('button', { name: 'Email me a code' }));
    expect(await screen.findByRole('status')).toHaveTextContent('If an account exists for C000001, we emailed a code');
    expect(await requestsTo(fetchMock, '/api/v1/auth/password-reset')[0]?.json()).toEqual({ login: 'C000001' });
    await userEvent.click(screen.getByRole('link', { name: 'Enter the code' }));
    expect(currentUrl(router)).toBe('/reset-password?login=C000001');
    expect(await screen.findByRole('textbox', { name: /Login ID or email/ })).toHaveValue('C000001');
  });

  it('fills login and code from the link in the email, and a good answer goes to log in with a notice', async () => {
    const fetchMock = mockFetch({ '/api/v1/auth/password-reset/confirm': { status: 204, body: null } });
    const router = renderRoutes('/reset-password?code=123456&login=casey%40example.com');
    expect(await screen.findByRole('textbox', { name: /Login ID or email/ })).toHaveValue('casey@example.com');
    expect(screen.getByRole('textbox', { name: /Code from the email/ })).toHaveValue('123456');
    await fill(screen.getByLabelText(/^New password/), 'saffron kettle orbit');
    await userEvent.click(screen.getByRole('button', { name: 'Set new password' }));

    expect(await screen.findByText('New password set')).toBeInTheDocument();
    expect(currentUrl(router)).toBe('/login?reason=password-reset&login=casey%40example.com');
    expect(screen.getByRole('textbox', { name: /Login ID or email/ })).toHaveValue('casey@example.com');
    expect(await requestsTo(fetchMock, '/api/v1/auth/password-reset/confirm')[0]?.json()).toEqual({
      login: 'casey@example.com',
      code: '123456',
      new_password: 'saffron kettle orbit',
    });
  });

  it('shows a wrong or expired code (422) at the code', async () => {
    mockFetch({
      '/api/v1/auth/password-reset/confirm': problem(422, 'Unprocessable Entity', 'validation failed', {
        errors: [{ field: 'code', message: 'is wrong or has expired; ask for a new code' }],
      }),
    });
    renderRoutes('/reset-password?login=C000001&code=000000');
    await fill(await screen.findByLabelText(/^New password/), 'saffron kettle orbit');
    await userEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    const code = screen.getByRole('textbox', { name: /Code from the email/ });
    await waitFor(() => expect(code).toHaveAttribute('aria-invalid', 'true'));
    expect(code).toHaveAccessibleDescription('Code from the email is wrong or has expired; ask for a new code.');
    expect(code).toHaveFocus();
  });
});
