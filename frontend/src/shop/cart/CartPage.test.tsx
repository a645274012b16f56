import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Cart } from '../../api/cart';
import { mockFetch, problem, requestsTo } from '../../test/fetchMock';
import { currentUrl, renderRoutes } from '../../test/renderRoutes';
import { signIn } from '../../test/session';
import { cart, cartLine, casey, twoLines } from '../orders/testData';

beforeAll(async () => {
  await import('./CartPage');
});

const sent: unknown[] = [];

function api(initial: Cart) {
  let current = initial;
  sent.length = 0;
  const fetchMock = mockFetch({
    '/api/v1/cart': { status: 200, body: current },
    '/api/v1/cart/items/POW-001': async (req) => {
      if (req.method === 'DELETE') {
        current = { ...current, items: current.items.filter((l) => l.sku !== 'POW-001') };
      } else {
        const { quantity } = (await req.json()) as { quantity: number };
        current = { ...current, items: current.items.map((l) => (l.sku === 'POW-001' ? { ...l, quantity } : l)) };
      }
      return { status: 200, body: current };
    },
    '/api/v1/cart/items/HAN-012': async (req) => {
      const { quantity } = (await req.json()) as { quantity: number };
      sent.push({ quantity });
      current = { ...current, items: current.items.map((l) => (l.sku === 'HAN-012' ? { ...l, quantity } : l)) };
      return { status: 200, body: current };
    },
  });
  return fetchMock;
}

describe('cart page', { timeout: 20_000 }, () => {
  it('shows each line with the caller’s price and why, and the totals', async () => {
    api(twoLines);
    signIn(casey);
    renderRoutes('/cart');
    const lines = await screen.findByRole('list', { name: 'Products in your cart' });
    const tape = within(lines).getByRole('listitem', { name: 'Tape measure 8m (trade pack)' });
    expect(tape).toHaveTextContent('$11.04');
    expect(tape).toHaveTextContent('Was $12.99');
    expect(tape).toHaveTextContent('Trade price list · tier 10–49');
    expect(tape).toHaveTextContent('Packs of 5');
    expect(within(tape).getByTestId('line-total')).toHaveTextContent('$132.48');
    expect(screen.getByRole('table', { name: 'Cart totals' })).toHaveTextContent('$155.98');
    expect(screen.getByRole('link', { name: 'Checkout' })).toHaveAttribute('href', '/checkout');
    // The header's cart link counts the products.
    expect(screen.getByRole('link', { name: 'Cart, 2 items' })).toBeInTheDocument();
  });

  it('steps quantities within the pack size and refuses a typed one the server would refuse', async () => {
    const fetchMock = api(twoLines);
    signIn(casey);
    renderRoutes('/cart');
    const user = userEvent.setup();
    const more = await screen.findByRole('button', { name: 'More Tape measure 8m (trade pack)' });
    expect(screen.getByRole('button', { name: 'Fewer Tape measure 8m (trade pack)' })).toBeDisabled(); // 10 is the minimum

    await user.click(more);
    expect(await screen.findByDisplayValue('15')).toBeInTheDocument();
    const puts = requestsTo(fetchMock, '/api/v1/cart/items/HAN-012');
    expect(puts).toHaveLength(1);
    expect(sent).toEqual([{ quantity: 15 }]);

    const box = screen.getByRole('textbox', { name: 'Quantity of Tape measure 8m (trade pack)' });
    await user.clear(box);
    await user.type(box, '12{Enter}');
    expect(await screen.findByText('Sold in packs of 5: order 10 or 15')).toBeInTheDocument();
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(requestsTo(fetchMock, '/api/v1/cart/items/HAN-012')).toHaveLength(1);

    await user.clear(box);
    await user.type(box, '20{Enter}');
    expect(await screen.findByDisplayValue('20')).toBeInTheDocument();
    expect(requestsTo(fetchMock, '/api/v1/cart/items/HAN-012')).toHaveLength(2);
    expect(screen.queryByText(/Sold in packs of 5: order/)).toBeNull();
  });

  it('shows the server’s warnings and holds checkout until they are fixed', async () => {
    api(cart([cartLine({ quantity: 30, available: 12, warnings: ['only 12 available'] })]));
    signIn(casey);
    renderRoutes('/cart');
    const problems = await screen.findByRole('list', { name: 'Problems with Cordless drill 18V' });
    expect(problems).toHaveTextContent('Only 12 available.');
    expect(screen.getByRole('button', { name: 'Checkout' })).toBeDisabled();
    expect(screen.getByText(/Change or remove Cordless drill 18V before checkout/)).toBeInTheDocument();
  });

  it('removes a line, and an empty cart links to the shop', async () => {
    const fetchMock = api(cart([cartLine()]));
    signIn(casey);
    renderRoutes('/cart');
    await userEvent.click(await screen.findByRole('button', { name: 'Remove Cordless drill 18V' }));
    expect(await screen.findByText('Your cart is empty')).toBeInTheDocument();
    expect(requestsTo(fetchMock, '/api/v1/cart/items/POW-001')[0]!.method).toBe('DELETE');
    expect(screen.getByRole('link', { name: 'Browse the shop' })).toHaveAttribute('href', '/shop');
  });

  it('says when the cart cannot be changed', async () => {
    mockFetch({
      '/api/v1/cart': { status: 200, body: cart([cartLine()]) },
      '/api/v1/cart/items/POW-001': problem(409, 'Conflict', 'a cart holds at most 100 products; place an order first'),
    });
    signIn(casey);
    renderRoutes('/cart');
    await userEvent.click(await screen.findByRole('button', { name: 'More Cordless drill 18V' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/a cart holds at most 100 products; place an order first/);
  });

  it('tells staff the cart is for customers (and asks the server nothing)', async () => {
    const fetchMock = mockFetch({});
    signIn(); // the admin
    renderRoutes('/cart');
    expect(await screen.findByText(/This page is for customers/)).toBeInTheDocument();
    expect(requestsTo(fetchMock, '/api/v1/cart')).toHaveLength(0);
    expect(screen.queryByTestId('cart-link')).toBeNull();
  });

  it('sends a guest to log in first', async () => {
    mockFetch({});
    const router = renderRoutes('/cart');
    await screen.findByRole('button', { name: 'Log in' });
    expect(currentUrl(router)).toBe('/login?next=%2Fcart');
  });
});
