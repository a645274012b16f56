import { configure, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, problem } from '../../test/fetchMock';
import { renderRoutes } from '../../test/renderRoutes';
import { signIn, supportMe } from '../../test/session';
import { catalogId, salesMe, summary } from './testData';

// Lazy pages and debounced searches: give a busy machine time before failing.
configure({ asyncUtilTimeout: 5000 });

const ids = { scheduled: 'a2', ended: 'a3', off: 'a4' };

function row(slug: string): HTMLElement {
  return screen.getByRole('table', { name: 'Catalogs' }).querySelector(`[data-catalog="${slug}"]`) as HTMLElement;
}

describe('Catalogs page', { timeout: 20_000 }, () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-03-15T12:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is for sales and admin staff', async () => {
    mockFetch({});
    signIn(supportMe);
    renderRoutes('/admin/catalogs');
    expect(await screen.findByRole('heading', { level: 1, name: 'Not available for your role' }, { timeout: 5000 })).toBeInTheDocument();
  });

  it('lists catalogs with audience, window, status today and product count', async () => {
    mockFetch({
      '/api/v1/admin/catalogs': {
        status: 200,
        body: {
          items: [
            summary(),
            summary({ id: ids.scheduled, slug: 'summer', name: 'Summer', audience: 'both', valid_from: '2027-06-01T00:00:00Z', products: 1 }),
            summary({ id: ids.ended, slug: 'winter', name: 'Winter', audience: 'b2c', valid_from: null, valid_to: '2027-03-01T00:00:00Z', products: 0 }),
            summary({ id: ids.off, slug: 'paused', name: 'Paused', valid_from: null, active: false }),
          ],
        },
      },
    });
    signIn(salesMe);
    renderRoutes('/admin/catalogs');
    await screen.findByRole('table', { name: 'Catalogs' }, { timeout: 5000 });
    expect(within(row('spring-trade')).getByRole('link', { name: 'Spring trade' })).toHaveAttribute('href', `/admin/catalogs/${catalogId}`);
    expect(within(row('spring-trade')).getByText('Businesses')).toBeInTheDocument();
    expect(within(row('spring-trade')).getByText(/^From /)).toBeInTheDocument();
    expect(await within(row('spring-trade')).findByText('Live')).toBeInTheDocument();
    expect(await within(row('summer')).findByText('Scheduled')).toBeInTheDocument();
    expect(await within(row('winter')).findByText('Ended')).toBeInTheDocument();
    expect(await within(row('paused')).findByText('Inactive')).toBeInTheDocument();
    expect(within(row('summer')).getByText('Everyone')).toBeInTheDocument();
    expect(within(row('winter')).getByText('0')).toBeInTheDocument();
  });

  it('says what to do when the list cannot be loaded', async () => {
    mockFetch({ '/api/v1/admin/catalogs': problem(500, 'Internal Server Error', 'database is down') });
    signIn(salesMe);
    renderRoutes('/admin/catalogs');
    const alert = await screen.findByRole('alert', {}, { timeout: 5000 });
    expect(alert).toHaveTextContent('Could not load the catalogs');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
