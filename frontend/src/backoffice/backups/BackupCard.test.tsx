import { configure, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockFetch } from '../../test/fetchMock';
import { renderRoutes } from '../../test/renderRoutes';
import { adminMe, signIn, supportMe } from '../../test/session';
import { backup, backupStatus } from './testData';

configure({ asyncUtilTimeout: 5000 });

const statusPath = '/api/v1/admin/backups/status';
const system = {
  '/api/v1/version': { status: 200, body: { name: 'OMS', version: '1.0.0', commit: 'abc', demo: false } },
  '/readyz': { status: 200, body: { status: 'ok', checks: {} } },
};

describe('Dashboard backup card', () => {
  it('shows admins the age of the last good backup and the last failure', async () => {
    mockFetch({
      ...system,
      [statusPath]: {
        status: 200,
        body: backupStatus({ last_failure: backup({ status: 'failed', error: 'disk full', finished_at: '2027-03-12T09:00:00Z' }) }),
      },
    });
    signIn(adminMe);
    renderRoutes('/admin');
    const card = await screen.findByRole('region', { name: 'Backups' });
    expect(await within(card).findByText(/3 hours ago/)).toBeInTheDocument();
    expect(card).toHaveTextContent('Last failure:');
    expect(card).toHaveTextContent('disk full');
    expect(within(card).queryByRole('alert')).toBeNull();
    expect(within(card).getByRole('link', { name: 'Back up now' })).toHaveAttribute('href', '/admin/backups');
  });

  it('warns in red when backups are overdue', async () => {
    mockFetch({ ...system, [statusPath]: { status: 200, body: backupStatus({ stale: true, last_success: null, last_success_age_seconds: null }) } });
    signIn(adminMe);
    renderRoutes('/admin');
    const card = await screen.findByRole('region', { name: 'Backups' });
    const alert = await within(card).findByRole('alert');
    expect(alert).toHaveTextContent('Backups are overdue');
    expect(alert).toHaveTextContent('No backup has succeeded yet.');
  });

  it('is not shown to other staff', async () => {
    mockFetch(system);
    signIn(supportMe);
    renderRoutes('/admin');
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    expect(screen.queryByRole('region', { name: 'Backups' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Backups' })).toBeNull();
  });
});
