import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { mockFetch, problem, requestsTo } from '../../test/fetchMock';
import { currentUrl, renderRoutes } from '../../test/renderRoutes';
import { signIn } from '../../test/session';
import { categories, page, product } from './testData';

const drill = product();
const saw = product({ slug: 'circular-saw', name: 'Circular saw 1400W', sku: 'PWR-002', price: { amount: 12999, currency: 'USD' }, list_price: { amount: 14999, currency: 'USD' }, stock: { available: 3 } });
const vest = product({ slug: 'hi-vis-vest', name: 'High visibility vest', sku: 'SAF-001', price: { amount: 699, currency: 'USD' }, list_price: { amount: 699, currency: 'USD' }, stock: { available: 0 } });

function api(products: (request: Request) => ReturnType<typeof page> = () => page([drill, saw])) {
  return mockFetch({
    '/api/v1/categories': { status: 200, body: { items: categories } },
    '/api/v1/catalogs': { status: 200, body: { items: [] } },
    '/api/v1/products': (request) => ({ status: 200, body: products(request) }),
  });
}

const query = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);

// The page is a lazy route: load its code once, so the first test does not wait for it.
beforeAll(async () => {
  await import('./ShopSearchPage');
});

describe('shop product list', { timeout: 15_000 }, () => {
  it('asks for what the URL says and shows cards with price and stock', async () => {
    const fetchMock = api(() => page([drill, saw, vest]));
    renderRoutes('/shop?category=power-tools&min=10&max=200&in_stock=1&sort=price_asc');

    expect(await screen.findByRole('heading', { level: 1, name: 'Power tools' }, { timeout: 5000 })).toBeInTheDocument();
    const cards = await screen.findAllByTestId('product-card', {}, { timeout: 5000 });
    expect(cards).toHaveLength(3);
    expect(query(requestsTo(fetchMock, '/api/v1/products')[0]!)).toEqual({
      category: 'power-tools',
      min_price: '1000',
      max_price: '20000',
      in_stock: 'true',
      sort: 'price_asc',
      page_size: '24',
    });

    const sawCard = cards[1]!;
    expect(within(sawCard).getByRole('link', { name: 'Circular saw 1400W' })).toHaveAttribute('href', '/shop/p/circular-saw');
    expect(within(sawCard).getByTestId('price')).toHaveTextContent('$129.99');
    expect(sawCard).toHaveTextContent('Was $149.99');
    expect(within(sawCard).getByText('Only 3 left')).toBeInTheDocument();
    expect(within(cards[2]!).getByText('Out of stock')).toBeInTheDocument();
    expect(within(cards[0]!).getByText('In stock')).toBeInTheDocument();

    // The filters in force, each removable.
    const active = screen.getByRole('group', { name: 'Active filters' });
    expect(within(active).getByText('$10.00 – $200.00')).toBeInTheDocument();
    expect(screen.getByTestId('result-summary')).toHaveTextContent('3 products');
  });

  it('searches as you type, keeping the other filters in the URL', async () => {
    const fetchMock = api((request) => (query(request).q === 'saw' ? page([saw]) : page([drill, saw])));
    const router = renderRoutes('/shop?category=power-tools');
    await screen.findAllByTestId('product-card', {}, { timeout: 5000 });

    const user = userEvent.setup();
    await user.type(screen.getByRole('searchbox', { name: 'Search products' }), 'saw');
    await waitFor(() => expect(currentUrl(router)).toBe('/shop?q=saw&category=power-tools'), { timeout: 5000 });
    expect(await screen.findByRole('heading', { level: 1, name: 'Results for “saw”' }, { timeout: 5000 })).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByTestId('product-card')).toHaveLength(1), { timeout: 5000 });
    const last = requestsTo(fetchMock, '/api/v1/products').at(-1)!;
    expect(query(last)).toMatchObject({ q: 'saw', category: 'power-tools', sort: 'relevance' });
    // Typing did not ask once per key: the first request and the one for "saw".
    expect(requestsTo(fetchMock, '/api/v1/products').filter((r) => query(r).q !== undefined)).toHaveLength(1);
  });

  it('changes sort, stock and category through the URL', async () => {
    api();
    const router = renderRoutes('/shop');
    await screen.findAllByTestId('product-card', {}, { timeout: 5000 });
    const user = userEvent.setup();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Sort by' }), 'price_desc');
    expect(currentUrl(router)).toBe('/shop?sort=price_desc');
    // Without search text there is no "best match".
    expect(screen.queryByRole('option', { name: 'Best match' })).toBeNull();

    const filters = screen.getByRole('complementary', { name: 'Filters' });
    await user.click(within(filters).getByRole('switch', { name: 'In stock only' }));
    expect(currentUrl(router)).toBe('/shop?in_stock=1&sort=price_desc');

    await user.click(await within(filters).findByRole('link', { name: 'Drills' }));
    expect(currentUrl(router)).toBe('/shop?category=drills&in_stock=1&sort=price_desc');
    expect(within(filters).getByRole('link', { name: 'Drills' })).toHaveAttribute('aria-current', 'true');

    await user.click(screen.getByRole('button', { name: 'Remove filter In stock' }));
    expect(currentUrl(router)).toBe('/shop?category=drills&sort=price_desc');
  });

  it('sets the price range after a pause', async () => {
    api();
    const router = renderRoutes('/shop');
    await screen.findAllByTestId('product-card', {}, { timeout: 5000 });
    const user = userEvent.setup();
    const filters = screen.getByRole('complementary', { name: 'Filters' });
    await user.type(within(filters).getByRole('textbox', { name: 'To' }), '50');
    await waitFor(() => expect(currentUrl(router)).toBe('/shop?max=50'), { timeout: 5000 });
  });

  it('loads more with the cursor', async () => {
    const fetchMock = api((request) => (query(request).cursor === 'c2' ? page([vest]) : page([drill, saw], 'c2')));
    renderRoutes('/shop');
    await screen.findAllByTestId('product-card', {}, { timeout: 5000 });
    expect(screen.getByTestId('result-summary')).toHaveTextContent('Showing the first 2 products');

    await userEvent.click(screen.getByRole('button', { name: 'Load more products' }));
    await waitFor(() => expect(screen.getAllByTestId('product-card')).toHaveLength(3), { timeout: 5000 });
    expect(query(requestsTo(fetchMock, '/api/v1/products').at(-1)!)).toMatchObject({ cursor: 'c2' });
    expect(screen.queryByRole('button', { name: 'Load more products' })).toBeNull();
    expect(screen.getByTestId('result-summary')).toHaveTextContent('3 products');
  });

  it('says what to do when nothing matches, and clears on request', async () => {
    api((request) => (query(request).q ? page([]) : page([drill])));
    const router = renderRoutes('/shop?q=zzz&in_stock=1&sort=price_asc');
    expect(await screen.findByText('Nothing matches “zzz”')).toBeInTheDocument();
    expect(screen.getByText(/Check the spelling/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Clear search and filters' }));
    expect(currentUrl(router)).toBe('/shop?sort=price_asc');
    expect(await screen.findAllByTestId('product-card')).toHaveLength(1);
    expect(screen.getByRole('searchbox', { name: 'Search products' })).toHaveValue('');
  });

  it('explains an error and tries again', async () => {
    let fail = true;
    mockFetch({
      '/api/v1/categories': { status: 200, body: { items: categories } },
      '/api/v1/products': () => (fail ? problem(500, 'Internal Server Error', 'database down') : { status: 200, body: page([drill]) }),
    });
    renderRoutes('/shop');
    const alert = await screen.findByRole('alert', {}, { timeout: 5000 });
    expect(alert).toHaveTextContent('Could not load the products');
    expect(alert).toHaveTextContent('database down');
    fail = false;
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findAllByTestId('product-card')).toHaveLength(1);
  });

  it('keeps the compare pick and offers the comparison from two products', async () => {
    api();
    const router = renderRoutes('/shop');
    await screen.findAllByTestId('product-card', {}, { timeout: 5000 });
    const user = userEvent.setup();
    await user.click(screen.getByRole('checkbox', { name: 'Compare Cordless drill 18V' }));
    const bar = screen.getByRole('region', { name: 'Products to compare' });
    expect(within(bar).getByText('Pick one more to compare')).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Compare Circular saw 1400W' }));
    expect(JSON.parse(window.localStorage.getItem('oms.compare') ?? '[]')).toEqual([
      { slug: 'cordless-drill-18v', name: 'Cordless drill 18V' },
      { slug: 'circular-saw', name: 'Circular saw 1400W' },
    ]);
    await user.click(within(bar).getByRole('link', { name: 'Compare 2' }));
    await act(async () => {});
    expect(currentUrl(router)).toBe('/shop/compare?ids=cordless-drill-18v,circular-saw');
  });

  it('sends /shop/c/:slug and /shop/search to the list', async () => {
    api();
    const router = renderRoutes('/shop/c/garden?in_stock=1');
    await waitFor(() => expect(currentUrl(router)).toBe('/shop?category=garden&in_stock=1'), { timeout: 5000 });
    await act(() => router.navigate('/shop/search?q=hose'));
    await waitFor(() => expect(currentUrl(router)).toBe('/shop?q=hose'), { timeout: 5000 });
  });
  it('puts a product in the cart from its card (customers), and asks guests to log in', async () => {
    const trade = product({ slug: 'tape-trade', name: 'Tape measure (trade pack)', sku: 'HAN-012', min_order_qty: 10, order_multiple: 5 });
    const sent: unknown[] = [];
    mockFetch({
      '/api/v1/categories': { status: 200, body: { items: categories } },
      '/api/v1/catalogs': { status: 200, body: { items: [] } },
      '/api/v1/products': { status: 200, body: page([drill, trade, vest]) },
      '/api/v1/cart': { status: 200, body: { items: [], issues: [], totals: null } },
      '/api/v1/cart/items/HAN-012': async (req) => {
        sent.push(await req.json());
        return { status: 200, body: { items: [{ sku: 'HAN-012', quantity: 10 }], issues: [], totals: null } };
      },
    });
    signIn({ id: 'u2', type: 'business', name: 'Blake', email: 'blake@example.com', roles: ['customer'] });
    renderRoutes('/shop');
    const cards = await screen.findAllByTestId('product-card', {}, { timeout: 5000 });
    expect(within(cards[2]!).getByRole('button', { name: 'Out of stock: High visibility vest' })).toBeDisabled();
    // The smallest quantity that can be ordered: the minimum, in whole packs.
    await userEvent.click(within(cards[1]!).getByRole('button', { name: 'Add 10 to cart: Tape measure (trade pack)' }));
    expect(await within(cards[1]!).findByText('In your cart')).toBeInTheDocument();
    expect(sent).toEqual([{ quantity: 10 }]);
  });

  it('shows guests "Log in to order" on the cards', async () => {
    api(() => page([drill]));
    renderRoutes('/shop');
    const [card] = await screen.findAllByTestId('product-card', {}, { timeout: 5000 });
    expect(within(card!).getByRole('link', { name: 'Log in to order' })).toHaveAttribute('href', '/login?next=%2Fshop');
    expect(within(card!).queryByRole('button', { name: /cart/ })).toBeNull();
  });
});
