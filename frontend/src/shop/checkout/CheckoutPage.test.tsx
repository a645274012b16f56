import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlaceRequest } from '../../api/orders';
import { mockFetch, problem, type FakeResponse } from '../../test/fetchMock';
import { problemTypes } from '../../api/problems';
import { currentUrl, renderRoutes } from '../../test/renderRoutes';
import { signIn } from '../../test/session';
import { blake, cart, cartLine, casey, order, twoLines } from '../orders/testData';

beforeAll(async () => {
  await import('./CheckoutPage');
  await import('../orders/OrderPlacedPage');
});

let keyCount = 0;
beforeEach(() => {
  keyCount = 0;
  vi.spyOn(crypto, 'randomUUID').mockImplementation(() => `00000000-0000-4000-8000-00000000000${++keyCount}` as `${string}-${string}-${string}-${string}-${string}`);
});
afterEach(() => {
  vi.restoreAllMocks();
});

interface Sent {
  key: string | null;
  body: PlaceRequest;
}

const book = [
  { name: 'Casey Consumer', line1: '1 Market Street', city: 'San Francisco', postal_code: '94105', country: 'US' },
  { name: 'Casey at work', line1: '500 Howard Street', line2: 'Floor 3', city: 'San Francisco', postal_code: '94105', country: 'US' },
];

/** The checkout's API; `answers` are the POST /orders answers in turn (the last one repeats). */
function api(answers: (FakeResponse | (() => Promise<FakeResponse>))[], options: { cartBody?: unknown; paymentTerms?: string | null } = {}) {
  const sent: Sent[] = [];
  let n = 0;
  const fetchMock = mockFetch({
    '/api/v1/cart': { status: 200, body: options.cartBody ?? twoLines },
    '/api/v1/orders/addresses': { status: 200, body: { items: book } },
    '/api/v1/orders/options': {
      status: 200,
      body: {
        priorities: [
          { priority: 'standard', surcharge: 0 },
          { priority: 'express', surcharge: 990 },
          { priority: 'urgent', surcharge: 2490 },
        ],
        payment_terms: options.paymentTerms ?? null,
      },
    },
    '/api/v1/orders': async (req) => {
      sent.push({ key: req.headers.get('Idempotency-Key'), body: (await req.json()) as PlaceRequest });
      const answer = answers[Math.min(n++, answers.length - 1)]!;
      return typeof answer === 'function' ? answer() : answer;
    },
    '/api/v1/quote': async (req) => {
      const body = (await req.json()) as { coupon_code?: string };
      if (body.coupon_code === 'WELCOME5') {
        return {
          status: 200,
          body: {
            lines: [],
            totals: { subtotal: 12998, discount: 500, tax: 2500, total: 14998, currency: 'USD' },
            applied_offers: [{ offer_id: 'o1', name: 'Welcome', code: 'WELCOME5', scope: 'order', label: 'Coupon WELCOME5 −$5.00', amount: { amount: 500, currency: 'USD' } }],
            notices: [],
          },
        };
      }
      return problem(422, 'Unprocessable Entity', 'the coupon cannot be used', {
        errors: [{ field: 'coupon_code', message: 'has expired' }],
      });
    },
  });
  return { fetchMock, sent };
}

const placed = { status: 201, body: order({ reference: 'ORD-7K3F-9QXM' }) };

async function openCheckout(me = casey) {
  signIn(me);
  const router = renderRoutes('/checkout');
  await screen.findByRole('heading', { level: 1, name: 'Checkout' });
  // The address book arrives and its first entry (the account's address) is chosen.
  await waitFor(() => expect(screen.getByRole('radio', { name: /1 Market Street/ })).toHaveAttribute('aria-checked', 'true'));
  return router;
}

describe('checkout', { timeout: 30_000 }, () => {
  it('places the order with an Idempotency-Key and shows the Reference Number', async () => {
    const { sent } = api([placed]);
    const router = await openCheckout();
    const user = userEvent.setup();
    await user.click(screen.getByRole('radio', { name: /500 Howard Street/ }));
    await user.click(screen.getByRole('radio', { name: /Express/ }));
    await user.type(screen.getByRole('textbox', { name: /Notes/ }), 'Leave at the front desk');
    await user.click(screen.getByRole('button', { name: 'Place order' }));

    expect(await screen.findByTestId('placed-reference')).toHaveTextContent('ORD-7K3F-9QXM');
    expect(currentUrl(router)).toBe('/orders/ORD-7K3F-9QXM/placed');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.key).toBe('00000000-0000-4000-8000-000000000001');
    expect(sent[0]!.body).toEqual({
      items: [
        { sku: 'POW-001', quantity: 1 },
        { sku: 'HAN-012', quantity: 10 },
      ],
      priority: 'express',
      shipping_address: book[1],
      notes: 'Leave at the front desk',
    });
    const main = screen.getByRole('main');
    expect(within(main).getByRole('link', { name: 'View the order' })).toHaveAttribute('href', '/orders/ORD-7K3F-9QXM');
    expect(within(main).getByRole('link', { name: 'My orders' })).toHaveAttribute('href', '/orders');
  });

  it('reuses the key when retrying after a 503, and uses a new one for a new attempt', async () => {
    const { sent } = api([
      problem(503, 'Service Unavailable', 'the database is not answering'),
      problem(422, 'Unprocessable Entity', 'some quantities cannot be ordered', {
        errors: [{ field: 'items[1].quantity', message: 'HAN-012 is sold in packs of 5' }],
      }),
      placed,
    ]);
    await openCheckout();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Place order' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We could not confirm your order');
    expect(alert).toHaveTextContent('trying again is safe');

    // "Try again" is the same attempt: the same key and body.
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('HAN-012 is sold in packs of 5.')).toBeInTheDocument();
    expect(sent).toHaveLength(2);
    expect(sent[1]!.key).toBe(sent[0]!.key);
    expect(sent[1]!.body).toEqual(sent[0]!.body);

    // A 422 ends that attempt: placing again is a new one, with a new key.
    await user.click(screen.getByRole('button', { name: 'Place order' }));
    expect(await screen.findByTestId('placed-reference')).toHaveTextContent('ORD-7K3F-9QXM');
    expect(sent).toHaveLength(3);
    expect(sent[2]!.key).not.toBe(sent[0]!.key);
    expect(new Set(sent.map((s) => s.key)).size).toBe(2);
  });

  it('uses a new key when the order changed after a network error', async () => {
    let calls = 0;
    const { sent } = api([
      async () => {
        calls++;
        throw new TypeError('Failed to fetch');
      },
      placed,
    ]);
    await openCheckout();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Place order' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The server could not be reached');
    await user.click(screen.getByRole('radio', { name: /Urgent/ }));
    await user.click(screen.getByRole('button', { name: 'Place order' }));
    await screen.findByTestId('placed-reference');
    expect(calls).toBe(1);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.body.priority).toBe('urgent');
    expect(sent[1]!.key).not.toBe(sent[0]!.key);
  });

  it('disables "Place order" while the order is being placed', async () => {
    let release: (answer: FakeResponse) => void = () => {};
    const { sent } = api([() => new Promise<FakeResponse>((resolve) => (release = resolve))]);
    await openCheckout();
    const user = userEvent.setup();
    const button = screen.getByRole('button', { name: 'Place order' });
    await user.click(button);
    await waitFor(() => expect(button).toBeDisabled());
    await user.click(button);
    expect(sent).toHaveLength(1);
    release(placed);
    expect(await screen.findByTestId('placed-reference')).toBeInTheDocument();
  });

  it('offers "Place it anyway" for a possible duplicate, with confirm_duplicate and a new key', async () => {
    const { sent } = api([
      problem(409, 'Conflict', 'possible duplicate of ORD-AAAA-BBBB, placed a moment ago with the same items and total; send confirm_duplicate: true to place it anyway', {
        type: problemTypes.possibleDuplicate,
        subject: 'ORD-AAAA-BBBB',
      }),
      placed,
    ]);
    await openCheckout();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Place order' }));
    const warning = await screen.findByTestId('duplicate-warning');
    expect(warning).toHaveTextContent('You placed ORD-AAAA-BBBB a moment ago with the same products and total');
    expect(within(warning).getByRole('link', { name: 'View ORD-AAAA-BBBB' })).toHaveAttribute('href', '/orders/ORD-AAAA-BBBB');

    await user.click(within(warning).getByRole('button', { name: 'Place it anyway' }));
    await screen.findByTestId('placed-reference');
    expect(sent).toHaveLength(2);
    expect(sent[0]!.body.confirm_duplicate).toBeUndefined();
    expect(sent[1]!.body).toEqual({ ...sent[0]!.body, confirm_duplicate: true });
    expect(sent[1]!.key).not.toBe(sent[0]!.key);
  });

  it('says clearly when a product ran out of stock', async () => {
    api([problem(409, 'Conflict', 'out of stock: POW-001 (Cordless drill 18V) has fewer than 1 available', { type: problemTypes.outOfStock, subject: 'POW-001' })]);
    await openCheckout();
    await userEvent.click(screen.getByRole('button', { name: 'Place order' }));
    const alert = await screen.findByTestId('stock-problem');
    expect(alert).toHaveTextContent('Not enough stock');
    expect(alert).toHaveTextContent('Out of stock: POW-001 (Cordless drill 18V) has fewer than 1 available.');
    expect(within(alert).getByRole('link', { name: 'Change the quantity in your cart' })).toHaveAttribute('href', '/cart');
  });

  it('checks a new address in the browser first, like the server', async () => {
    const { sent } = api([placed]);
    await openCheckout();
    const user = userEvent.setup();
    await user.click(screen.getByRole('radio', { name: 'A new address' }));
    await user.click(screen.getByRole('button', { name: 'Place order' }));
    expect(await screen.findByText('Enter the street address')).toBeInTheDocument();
    expect(screen.getByText('Enter the city')).toBeInTheDocument();
    expect(screen.getByText('Enter the postal code')).toBeInTheDocument();
    expect(screen.getByText('Choose the country')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Street address/ })).toHaveFocus();
    expect(sent).toHaveLength(0);

    await user.type(screen.getByRole('textbox', { name: /Street address/ }), '9 Dock Road');
    await user.type(screen.getByRole('textbox', { name: /City/ }), 'Oakland');
    await user.type(screen.getByRole('textbox', { name: /Postal code/ }), '94607');
    await user.selectOptions(screen.getByRole('combobox', { name: /Country/ }), 'US');
    await user.click(screen.getByRole('button', { name: 'Place order' }));
    await screen.findByTestId('placed-reference');
    expect(sent[0]!.body.shipping_address).toEqual({ line1: '9 Dock Road', city: 'Oakland', postal_code: '94607', country: 'US' });
  });

  it('previews a coupon with the server’s quote, and says why one cannot be used', async () => {
    const { sent } = api([placed]);
    await openCheckout();
    const user = userEvent.setup();
    const box = screen.getByRole('textbox', { name: 'Coupon code' });
    await user.type(box, 'old10');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(await screen.findByText('The coupon has expired.')).toBeInTheDocument();

    // Typed but not applied: the order waits.
    await user.click(screen.getByRole('button', { name: 'Place order' }));
    expect(await screen.findByText('Apply the coupon, or clear the box to order without it')).toBeInTheDocument();
    expect(sent).toHaveLength(0);

    await user.clear(box);
    await user.type(box, 'welcome5');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(await screen.findByText('Coupon WELCOME5 applied.')).toBeInTheDocument();
    expect(screen.getByText('Coupon WELCOME5 −$5.00')).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Order totals' })).toHaveTextContent('−$5.00');
    expect(screen.getByTestId('grand-total')).toHaveTextContent('$149.98');

    await user.click(screen.getByRole('button', { name: 'Place order' }));
    await screen.findByTestId('placed-reference');
    expect(sent[0]!.body.coupon_code).toBe('WELCOME5');
  });

  it('asks a business for the PO number and delivery date, and shows the payment terms', async () => {
    const { sent } = api([placed], { paymentTerms: 'net_30' });
    await openCheckout(blake);
    const user = userEvent.setup();
    expect(screen.getByRole('textbox', { name: 'Payment terms' })).toHaveAttribute('readonly');
    expect(screen.getByRole('textbox', { name: 'Payment terms' })).toHaveValue('Net 30 (invoice)');
    expect(screen.getByText('Invoice, payable within 30 days')).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: /PO number/ }), 'PO-4471');
    const date = screen.getByLabelText(/Requested delivery date/);
    await user.type(date, '2020-01-01');
    await user.click(screen.getByRole('button', { name: 'Place order' }));
    expect(await screen.findByText('Choose today or a later date')).toBeInTheDocument();
    expect(sent).toHaveLength(0);

    await user.clear(date);
    await user.type(date, '2099-03-01');
    await user.click(screen.getByRole('button', { name: 'Place order' }));
    await screen.findByTestId('placed-reference');
    expect(sent[0]!.body).toMatchObject({ purchase_order_number: 'PO-4471', requested_delivery_date: '2099-03-01' });
  });

  it('holds the order while a cart line cannot be ordered', async () => {
    api([placed], { cartBody: cart([cartLine({ warnings: ['out of stock'], available: 0 })]) });
    await openCheckout();
    expect(screen.getByRole('alert')).toHaveTextContent('Some products cannot be ordered as they are');
    expect(screen.getByRole('button', { name: 'Place order' })).toBeDisabled();
  });

  it('shows each priority’s surcharge and adds the chosen one to the total', async () => {
    api([placed]);
    await openCheckout();
    const user = userEvent.setup();
    expect(await screen.findByRole('radio', { name: /^Express.*\+\$9\.90/ })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: /^Urgent.*\+\$24\.90/ })).toBeInTheDocument();
    const totals = screen.getByRole('table', { name: 'Order totals' });
    await waitFor(() => expect(totals).toHaveTextContent(/ShippingFree/));
    expect(screen.getByTestId('grand-total')).toHaveTextContent('$155.98');

    await user.click(screen.getByRole('radio', { name: /Express/ }));
    expect(totals).toHaveTextContent(/Shipping\$9\.90/);
    expect(screen.getByTestId('grand-total')).toHaveTextContent('$165.88');
    expect(within(totals).getByRole('rowheader', { name: 'Total' })).toBeInTheDocument();
    // No payment terms for a consumer.
    expect(screen.queryByRole('textbox', { name: 'Payment terms' })).toBeNull();
  });
});
