import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { beforeEach, describe, expect, it } from 'vitest';
import { routes } from './routes';
import { mockFetch } from './test/fetchMock';
import { renderWithProviders } from './test/render';
import { adminMe, signIn } from './test/session';

function renderAt(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  renderWithProviders(<RouterProvider router={router} />);
  return router;
}

describe('routes', () => {
  beforeEach(() => {
    mockFetch({
      '/api/v1/version': { status: 200, body: { name: 'omsd', version: 'dev', commit: '', demo: false } },
      '/readyz': { status: 200, body: { status: 'ok', checks: {} } },
    });
  });

  it('shows the shop home page at /', async () => {
    renderAt('/');
    expect(screen.getByRole('heading', { level: 1, name: 'Order Management System' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    expect(await screen.findByText('Version dev')).toBeInTheDocument();
  });

  it('shows the 404 page for an unknown route in the shop', () => {
    renderAt('/no/such/page');
    expect(screen.getByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByText('/no/such/page')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the home page' })).toHaveAttribute('href', '/');
  });

  it('shows the 404 page inside the back office for an unknown admin route', async () => {
    signIn();
    renderAt('/admin/does-not-exist');
    // The back office is a lazy chunk: it appears once its code has loaded.
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Back office' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the dashboard' })).toHaveAttribute('href', '/admin');
  });

  it('navigates from the shop to the back office dashboard', async () => {
    signIn();
    const router = renderAt('/');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    await userEvent.click(within(nav).getByRole('link', { name: 'Back office' }));

    expect(router.state.location.pathname).toBe('/admin');
    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeInTheDocument();
    const boNav = screen.getByRole('navigation', { name: 'Back office' });
    expect(within(boNav).getByRole('link', { name: 'Dashboard' })).toHaveAttribute('aria-current', 'page');
    expect(within(boNav).getByRole('link', { name: 'Messages' })).toHaveAttribute('href', '/admin/messages');
  });

  it('offers "Log in" in the shop header without a session, "Log out" with one', async () => {
    renderAt('/');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Log in' })).toHaveAttribute('href', '/login');
    expect(within(nav).getByRole('link', { name: 'Register' })).toHaveAttribute('href', '/register');
    expect(within(nav).queryByRole('link', { name: 'Back office' })).not.toBeInTheDocument();
    await userEvent.click(within(nav).getByRole('link', { name: 'Log in' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Log in' })).toBeInTheDocument();
  });

  it('shows "My account" to everyone logged in and "Back office" to staff only', async () => {
    signIn({ ...adminMe, type: 'consumer', roles: ['customer'], name: 'Casey Consumer' });
    renderAt('/');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'My account' })).toHaveAttribute('href', '/account');
    expect(within(nav).queryByRole('link', { name: 'Back office' })).not.toBeInTheDocument();
    expect(within(nav).getByRole('button', { name: 'Log out' })).toBeInTheDocument();
  });
});
