import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockFetch, requestsTo } from '../../test/fetchMock';
import { renderRoutes } from '../../test/renderRoutes';
import { signIn } from '../../test/session';
import { categories, page, product } from './testData';

function api() {
  return mockFetch({
    '/api/v1/version': { status: 200, body: { name: 'omsd', version: 'dev', commit: '', demo: false } },
    '/readyz': { status: 200, body: { status: 'ok', checks: {} } },
    '/api/v1/categories': { status: 200, body: { items: categories } },
    '/api/v1/catalogs': {
      status: 200,
      body: { items: [{ id: 'k1', slug: 'garden-season', name: 'Garden season', description: 'Everything for the garden.', audience: 'both', valid_from: null, valid_to: '2027-05-01T00:00:00Z', products: 6 }] },
    },
    '/api/v1/offers': {
      status: 200,
      body: { items: [{ id: 'o1', name: 'Spring sale', label: 'Offer Spring sale −10%', kind: 'percent', value: 1000, scope: 'category', category_id: 'c-garden', min_order_amount: 0, min_quantity: 0 }] },
    },
    '/api/v1/products': { status: 200, body: page([product()]) },
  });
}

describe('shop home', { timeout: 15_000 }, () => {
  it('shows offers, categories, catalogs and new products', async () => {
    const fetchMock = api();
    renderRoutes('/');
    const offers = await screen.findByRole('region', { name: 'Offers' }, { timeout: 5000 });
    expect(within(offers).getByRole('heading', { name: 'Spring sale' })).toBeInTheDocument();
    expect(within(offers).getByText('On everything in Garden')).toBeInTheDocument();
    expect(within(offers).getByRole('link', { name: 'Shop Spring sale' })).toHaveAttribute('href', '/shop?category=garden');

    const cats = screen.getByRole('region', { name: 'Shop by category' });
    // Top-level categories only, in order.
    expect(within(cats).getAllByRole('link').map((a) => a.textContent)).toEqual(['Power tools', 'Garden']);
    expect(within(cats).getByRole('link', { name: 'Garden' })).toHaveAttribute('href', '/shop?category=garden');

    const catalogs = screen.getByRole('region', { name: 'Catalogs' });
    expect(within(catalogs).getByRole('link', { name: 'Browse Garden season' })).toHaveAttribute('href', '/shop?catalog=garden-season');
    expect(catalogs).toHaveTextContent('6 products');

    const fresh = screen.getByRole('region', { name: 'New in the shop' });
    expect(await within(fresh).findByRole('link', { name: 'Cordless drill 18V' })).toHaveAttribute('href', '/shop/p/cordless-drill-18v');
    expect(new URL(requestsTo(fetchMock, '/api/v1/products')[0]!.url).search).toBe('?sort=newest&page_size=8');
  });

  it('asks with the customer’s token: prices and visibility depend on who asks', async () => {
    const fetchMock = api();
    signIn({ id: 'biz-1', type: 'business', name: 'Northwind', email: 'purchasing@northwind.example.com', roles: [] });
    renderRoutes('/');
    await screen.findByRole('region', { name: 'Offers' }, { timeout: 5000 });
    expect(requestsTo(fetchMock, '/api/v1/products')[0]!.headers.get('Authorization')).toBe('Bearer test-token');
  });
});
