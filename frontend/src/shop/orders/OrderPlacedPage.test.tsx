import { screen, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { mockFetch } from '../../test/fetchMock';
import { renderRoutes } from '../../test/renderRoutes';
import { signIn } from '../../test/session';
import { casey, order } from './testData';

beforeAll(async () => {
  await import('./OrderPlacedPage');
});

describe('order placed', { timeout: 15_000 }, () => {
  it('shows the Reference Number large with a copy button, also after a reload', async () => {
    mockFetch({
      '/api/v1/orders/ORD-7K3F-9QXM': { status: 200, body: order() },
      '/api/v1/cart': { status: 200, body: { items: [], issues: [], totals: null } },
    });
    signIn(casey);
    renderRoutes('/orders/ORD-7K3F-9QXM/placed');
    expect(await screen.findByTestId('placed-reference')).toHaveTextContent('ORD-7K3F-9QXM');
    expect(screen.getByRole('button', { name: 'Copy Reference Number' })).toBeInTheDocument();
    const next = screen.getByRole('region', { name: 'What happens next' });
    expect(within(next).getAllByRole('listitem').length).toBeGreaterThan(1);
    expect(within(screen.getByRole('main')).getByRole('link', { name: 'View the order' })).toHaveAttribute('href', '/orders/ORD-7K3F-9QXM');
  });
});
