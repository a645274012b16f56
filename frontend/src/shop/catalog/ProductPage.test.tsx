import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { mockFetch, problem } from '../../test/fetchMock';
import { renderRoutes } from '../../test/renderRoutes';
import { signIn } from '../../test/session';
import { orderRuleLines } from './ProductPage';
import { categories, product } from './testData';

beforeAll(async () => {
  await import('./ProductPage');
});

const full = product({
  description: '## Power\n\nBrushless motor. <script>alert(1)</script> [Manual](https://example.com/manual.pdf)',
  price: { amount: 8099, currency: 'USD' },
  list_price: { amount: 8999, currency: 'USD' },
  price_explanation: ['Offer SPRING10 −10%'],
  tiers: [
    { min_qty: 1, max_qty: 9, unit_price: { amount: 8099, currency: 'USD' }, source: 'Trade price list' },
    { min_qty: 10, max_qty: 49, unit_price: { amount: 7650, currency: 'USD' }, source: 'Trade price list' },
    { min_qty: 50, max_qty: null, unit_price: { amount: 7200, currency: 'USD' }, source: 'Trade price list' },
  ],
  min_order_qty: 10,
  order_multiple: 5,
  weight_grams: 850,
  length_mm: 400,
  width_mm: 300,
  height_mm: 250,
  specs: [
    { group: 'Electrical', name: 'Voltage', value: '18', unit: 'V' },
    { group: 'Mechanical', name: 'Torque', value: '60', unit: 'Nm' },
    { group: 'Electrical', name: 'Battery', value: '2.0', unit: 'Ah' },
  ],
  images: [
    { id: 'i1', url: '/media/i1.png', alt: 'Drill, front', width: 1200, height: 900, thumbnails: { small: '/media/i1-s.png', medium: '/media/i1-m.png', large: '/media/i1-l.png' } },
    { id: 'i2', url: '/media/i2.png', alt: 'Drill, side', width: 1200, height: 900, thumbnails: { small: '/media/i2-s.png', medium: '/media/i2-m.png', large: '/media/i2-l.png' } },
  ],
  videos: [
    { id: 'v1', kind: 'file', url: '/media/v1.mp4', poster_url: '/media/v1.jpg', title: 'Drilling into oak' },
    { id: 'v2', kind: 'youtube', embed_url: 'https://www.youtube-nocookie.com/embed/abc', title: 'Unboxing' },
  ],
  datasheets: [{ id: 'd1', title: 'User manual', url: '/media/d1.pdf', bytes: 1_200_000 }],
});

function api(body = full) {
  return mockFetch({
    '/api/v1/categories': { status: 200, body: { items: categories } },
    [`/api/v1/products/${body.slug}`]: { status: 200, body },
  });
}

describe('product page', { timeout: 15_000 }, () => {
  it('shows price, rule, tiers, order rules, specs, description, videos and datasheets — and asks a guest to log in to order', async () => {
    api();
    renderRoutes('/shop/p/cordless-drill-18v');
    expect(await screen.findByRole('heading', { level: 1, name: 'Cordless drill 18V' }, { timeout: 5000 })).toBeInTheDocument();

    const price = screen.getByTestId('price-block');
    expect(within(price).getByTestId('price')).toHaveTextContent('$80.99');
    expect(price).toHaveTextContent('Was $89.99');
    expect(price).toHaveTextContent('Offer SPRING10 −10%');

    const tiers = screen.getByRole('table', { name: /Unit price by quantity/ });
    expect(within(tiers).getAllByRole('row').map((r) => r.textContent)).toEqual([
      'QuantityUnit price',
      '1–9$80.99Trade price list',
      '10–49$76.50Trade price list',
      '50 or more$72.00Trade price list',
    ]);
    expect(screen.getByRole('list', { name: 'Ordering rules' })).toHaveTextContent('Minimum order: 10');
    expect(screen.getByRole('list', { name: 'Ordering rules' })).toHaveTextContent('Sold in packs of 5');

    const specs = screen.getByRole('table', { name: 'Specifications' });
    expect(within(specs).getAllByRole('row').map((r) => r.textContent)).toEqual([
      'Electrical',
      'Voltage18 V',
      'Battery2.0 Ah',
      'Mechanical',
      'Torque60 Nm',
      'Shipping',
      'Shipping weight850 g',
      'Packed size400 × 300 × 250 mm',
    ]);

    expect(screen.getByRole('heading', { level: 4, name: 'Power' })).toBeInTheDocument();
    expect(document.querySelector('main script')).toBeNull();
    expect(screen.getByRole('link', { name: 'Manual' })).toHaveAttribute('rel', 'noopener noreferrer nofollow');

    const video = document.querySelector('video')!;
    expect(video).toHaveAttribute('src', '/media/v1.mp4');
    expect(video).toHaveAttribute('poster', '/media/v1.jpg');
    expect(video).toHaveAttribute('controls');
    const frame = screen.getByTitle('Unboxing');
    expect(frame.tagName).toBe('IFRAME');
    expect(frame).toHaveAttribute('src', 'https://www.youtube-nocookie.com/embed/abc');
    expect(frame).toHaveAttribute('sandbox', 'allow-scripts allow-same-origin allow-presentation');
    expect(frame).toHaveAttribute('referrerpolicy', 'strict-origin-when-cross-origin');
    expect(frame).toHaveAttribute('loading', 'lazy');

    expect(screen.getByRole('link', { name: 'User manual' })).toHaveAttribute('href', '/media/d1.pdf');
    expect(screen.queryByRole('button', { name: /cart/i })).toBeNull();
    expect(screen.getByRole('link', { name: 'Log in to order' })).toHaveAttribute('href', '/login?next=%2Fshop%2Fp%2Fcordless-drill-18v');

    const crumbs = screen.getByRole('navigation', { name: 'Breadcrumb' });
    expect(within(crumbs).getByRole('link', { name: 'Power tools' })).toHaveAttribute('href', '/shop?category=power-tools');
  });

  it('picks photos from the thumbnails and zooms in a dialog with the arrow keys', async () => {
    api();
    renderRoutes('/shop/p/cordless-drill-18v');
    const user = userEvent.setup();
    await screen.findByRole('heading', { level: 1, name: 'Cordless drill 18V' }, { timeout: 5000 });

    await user.click(screen.getByRole('button', { name: 'Show photo 2: Drill, side' }));
    expect(screen.getByRole('button', { name: 'Show photo 2: Drill, side' })).toHaveAttribute('aria-current', 'true');
    await user.click(screen.getByRole('button', { name: 'Enlarge photo 2 of 2: Drill, side' }));

    const dialog = await screen.findByRole('dialog', { name: 'Cordless drill 18V: photo 2 of 2' });
    expect(within(dialog).getByRole('img', { name: 'Drill, side' })).toHaveAttribute('src', '/media/i2.png');
    await user.keyboard('{ArrowRight}');
    expect(await screen.findByRole('dialog', { name: 'Cordless drill 18V: photo 1 of 2' })).toBeInTheDocument();
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Zoom in' }));
    expect(within(screen.getByRole('dialog')).getByRole('button', { name: 'Zoom out' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('adds the product to the comparison', async () => {
    api();
    renderRoutes('/shop/p/cordless-drill-18v');
    const button = await screen.findByRole('button', { name: 'Add to compare' }, { timeout: 5000 });
    await userEvent.click(button);
    expect(screen.getByRole('button', { name: 'Remove from compare' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('region', { name: 'Products to compare' })).toHaveTextContent('Cordless drill 18V');
  });

  it('shows a placeholder without photos and hides what the product does not have', async () => {
    api(product());
    signIn({ id: 'u1', type: 'consumer', name: 'Casey', email: 'casey@example.com', roles: [] });
    renderRoutes('/shop/p/cordless-drill-18v');
    await screen.findByRole('heading', { level: 1, name: 'Cordless drill 18V' }, { timeout: 5000 });
    expect(screen.getByText('No photo yet')).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: /Unit price by quantity/ })).toBeNull();
    expect(screen.queryByRole('list', { name: 'Ordering rules' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Specifications' })).toBeNull();
    expect(screen.queryByRole('heading', { name: /Video/ })).toBeNull();
    expect(screen.getByText('In stock')).toBeInTheDocument();
  });

  it('shows the shipping weight and packed size without other specifications, naming the sides when some are missing', async () => {
    api(product({ weight_grams: 2000, length_mm: 600, height_mm: 90 }));
    renderRoutes('/shop/p/cordless-drill-18v');
    await screen.findByRole('heading', { level: 1, name: 'Cordless drill 18V' }, { timeout: 5000 });
    expect(screen.getByRole('heading', { level: 2, name: 'Specifications' })).toBeInTheDocument();
    const specs = screen.getByRole('table', { name: 'Specifications' });
    expect(within(specs).getAllByRole('row').map((r) => r.textContent)).toEqual([
      'Shipping',
      'Shipping weight2 kg',
      'Packed sizeLength 600 mm, height 90 mm',
    ]);
  });

  it('says when a product does not exist (or is not for this customer)', async () => {
    mockFetch({ '/api/v1/products/b2b-only': problem(404, 'Not Found', 'product not found') });
    renderRoutes('/shop/p/b2b-only');
    expect(await screen.findByRole('heading', { level: 1, name: 'Product not found' }, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Browse the shop' })).toHaveAttribute('href', '/shop');
  });

  it('lets a customer add to the cart in whole packs from the minimum, adding to what is there', async () => {
    const sent: unknown[] = [];
    let inCart = 0;
    const line = (quantity: number) => ({
      product_id: full.id, sku: full.sku, slug: full.slug, name: full.name, quantity, unit_price: full.price, list_unit_price: full.list_price,
      total: full.price, explanation: [], available: 20, min_order_qty: 10, order_multiple: 5, warnings: [],
    });
    const cartBody = () => ({ items: inCart ? [line(inCart)] : [], issues: [], totals: null });
    mockFetch({
      '/api/v1/categories': { status: 200, body: { items: categories } },
      [`/api/v1/products/${full.slug}`]: { status: 200, body: full },
      '/api/v1/cart': () => ({ status: 200, body: cartBody() }),
      [`/api/v1/cart/items/${full.sku}`]: async (req) => {
        const body = (await req.json()) as { quantity: number };
        sent.push(body);
        inCart = body.quantity;
        return { status: 200, body: cartBody() };
      },
    });
    signIn({ id: 'u2', type: 'business', name: 'Blake', email: 'blake@example.com', roles: ['customer'] });
    renderRoutes('/shop/p/cordless-drill-18v');
    const user = userEvent.setup();
    const quantity = await screen.findByRole('textbox', { name: 'Quantity' }, { timeout: 5000 });
    expect(quantity).toHaveValue('10');
    expect(screen.getByRole('button', { name: 'Fewer Cordless drill 18V' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'More Cordless drill 18V' }));
    expect(quantity).toHaveValue('15');

    await user.click(screen.getByRole('button', { name: 'Add to cart' }));
    expect(await screen.findByText('15 in your cart.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'View cart' })).toHaveAttribute('href', '/cart');
    expect(screen.getByRole('link', { name: 'Cart, 1 item' })).toBeInTheDocument();

    // Again: added to the 15 already there.
    await user.click(screen.getByRole('button', { name: 'Add to cart' }));
    expect(await screen.findByText('30 in your cart.')).toBeInTheDocument();
    expect(sent).toEqual([{ quantity: 15 }, { quantity: 30 }]);

    // A typed quantity the server would refuse is explained, not sent.
    await user.clear(quantity);
    await user.type(quantity, '7{Enter}');
    expect(screen.getByText('The minimum order is 10')).toBeInTheDocument();
  });

  it('writes the order rules that bind', () => {
    expect(orderRuleLines({ min_order_qty: 0, order_multiple: 1 })).toEqual([]);
    expect(orderRuleLines({ min_order_qty: 12, order_multiple: 6 })).toEqual(['Minimum order: 12', 'Sold in packs of 6']);
  });
});
