import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockFetch, problem, requestsTo } from '../../test/fetchMock';
import { currentUrl, renderRoutes } from '../../test/renderRoutes';
import { adminMe, signIn, supportMe } from '../../test/session';
import { categories, fulfilmentMe, product, salesMe } from './testData';

const page = (items = [product()], next: string | null = null) => ({ status: 200, body: { items, next_cursor: next } });
const queryOf = (request: Request | undefined) => new URL(request?.url ?? 'http://x/').searchParams;

describe('Products list', { timeout: 20_000 }, () => {
  it('lists every status by default, with price, stock and a link to each product', async () => {
    const fetchMock = mockFetch({
      '/api/v1/products': page([product(), product({ id: 'p2', sku: 'SAW-1', name: 'Saw', status: 'draft', audience: 'b2b', stock: { available: 0, on_hand: 0, reserved: 0 } })]),
      '/api/v1/categories': { status: 200, body: { items: categories } },
    });
    signIn(salesMe);
    renderRoutes('/admin/products');
    const table = await screen.findByRole('table', { name: 'Products' }, { timeout: 15_000 });
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent(/DRL-230.*Cordless drill.*Drills.*Active.*Everyone.*\$129\.90.*8 \/ 10/);
    expect(rows[2]).toHaveTextContent(/SAW-1.*Saw.*Draft.*Businesses/);
    expect(within(rows[1]!).getByRole('link', { name: 'Cordless drill' })).toHaveAttribute('href', `/admin/products/${product().id}`);
    expect(screen.getByRole('link', { name: 'New product' })).toHaveAttribute('href', '/admin/products/new');

    const query = queryOf(requestsTo(fetchMock, '/api/v1/products')[0]);
    expect(query.getAll('status')).toEqual(['draft', 'active', 'archived']);
    expect(query.get('sort')).toBe('newest');
  });

  it('keeps the filters in the URL and sends them', async () => {
    const fetchMock = mockFetch({
      '/api/v1/products': page(),
      '/api/v1/categories': { status: 200, body: { items: categories } },
    });
    signIn(adminMe);
    const router = renderRoutes('/admin/products?status=archived&audience=b2b');
    const form = await screen.findByRole('search', { name: 'Filter products' });
    expect(within(form).getByRole('combobox', { name: 'Status' })).toHaveValue('archived');
    await waitFor(() => expect(within(form).getByRole('combobox', { name: 'Category' })).toHaveTextContent('Drills'));

    await userEvent.selectOptions(within(form).getByRole('combobox', { name: 'Category' }), 'drills');
    await userEvent.type(within(form).getByRole('searchbox', { name: 'Search' }), 'drill{Enter}');
    await waitFor(() => expect(currentUrl(router)).toBe('/admin/products?q=drill&status=archived&audience=b2b&category=drills'));
    await waitFor(() => expect(requestsTo(fetchMock, '/api/v1/products').length).toBeGreaterThanOrEqual(3));
    const query = queryOf(requestsTo(fetchMock, '/api/v1/products').at(-1));
    expect(Object.fromEntries(query)).toMatchObject({ q: 'drill', status: 'archived', audience: 'b2b', category: 'drills', sort: 'relevance' });

    await userEvent.click(within(form).getByRole('button', { name: 'Clear' }));
    await waitFor(() => expect(currentUrl(router)).toBe('/admin/products'));
  });

  it('says when nothing matches, and offers to clear the filters after a 422', async () => {
    mockFetch({
      '/api/v1/products': (request) =>
        queryOf(request).get('category') === 'nope'
          ? problem(422, 'Unprocessable Entity', 'the request has invalid fields', { errors: [{ field: 'category', message: 'is not a category slug' }] })
          : page([]),
      '/api/v1/categories': { status: 200, body: { items: categories } },
    });
    signIn(adminMe);
    const router = renderRoutes('/admin/products?category=nope');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Category is not a category slug.');
    await userEvent.click(within(alert).getByRole('button', { name: 'Clear the filters' }));
    expect(await screen.findByText('No products yet')).toBeInTheDocument();
    expect(currentUrl(router)).toBe('/admin/products');
  });

  it('fulfilment sees the list without “New product”; support does not see it at all', async () => {
    mockFetch({ '/api/v1/products': page(), '/api/v1/categories': { status: 200, body: { items: categories } } });
    signIn(fulfilmentMe);
    renderRoutes('/admin/products');
    await screen.findByRole('table', { name: 'Products' });
    expect(screen.queryByRole('link', { name: 'New product' })).not.toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Back office' });
    expect(within(nav).getByRole('link', { name: 'Products' })).toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Categories' })).not.toBeInTheDocument();
  });

  it('is not for support staff', async () => {
    mockFetch({});
    signIn(supportMe);
    renderRoutes('/admin/products');
    expect(await screen.findByRole('heading', { level: 1, name: 'Not available for your role' })).toBeInTheDocument();
    expect(within(screen.getByRole('navigation', { name: 'Back office' })).queryByRole('link', { name: 'Products' })).not.toBeInTheDocument();
  });
});
