import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Order } from '../../api/orders';
import { mockFetch, problem, requestsTo } from '../../test/fetchMock';
import { currentUrl, renderRoutes } from '../../test/renderRoutes';
import { signIn } from '../../test/session';
import { tracking } from '../tracking/testData';
import { cart, cartLine, casey, order } from './testData';

beforeAll(async () => {
  await import('./OrderDetailPage');
  await import('../cart/CartPage');
});
afterEach(() => {
  vi.restoreAllMocks();
});

const path = '/api/v1/orders/ORD-7K3F-9QXM';
const emptyCart = { status: 200, body: cart([]) };

const shipped = order({
  status: 'delivered',
  allowed_transitions: [],
  items: order().items.map((l) => ({ ...l, shipped_quantity: l.quantity })),
  shipments: [
    {
      number: 1,
      carrier: 'UPS',
      tracking_number: '1Z999AA10123456784',
      tracking_url: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
      status: 'delivered',
      shipped_at: '2026-11-26T10:00:00Z',
      delivered_at: '2026-11-27T15:00:00Z',
      lines: [
        { sku: 'POW-001', name: 'Cordless drill 18V', quantity: 2 },
        { sku: 'HAN-009', name: 'Claw hammer 16oz', quantity: 1 },
      ],
    },
  ],
  returns: [
    {
      number: 1,
      status: 'rejected',
      reason: 'Changed my mind',
      note: 'Opened tools cannot be returned',
      restocked: false,
      requested_at: '2026-11-28T10:00:00Z',
      decided_at: '2026-11-28T12:00:00Z',
      received_at: null,
      lines: [{ sku: 'HAN-009', name: 'Claw hammer 16oz', quantity: 1 }],
    },
  ],
  events: [
    { status: 'placed', from: null, at: '2026-11-25T10:00:00Z', note: '', actor: 'customer' },
    { status: 'shipped', from: 'processing', at: '2026-11-26T10:00:00Z', note: 'UPS 1Z999AA10123456784', actor: 'staff' },
    { status: 'delivered', from: 'shipped', at: '2026-11-27T15:00:00Z', note: '', actor: 'staff' },
  ],
  documents: [
    { kind: 'confirmation', title: 'Order confirmation', url: `${path}/documents/confirmation` },
    { kind: 'invoice', title: 'Invoice', url: `${path}/documents/invoice` },
  ],
});

describe('order detail', { timeout: 20_000 }, () => {
  it('offers Cancel when the order allows it, and cancels with a note', async () => {
    let current: Order = order();
    const sent: unknown[] = [];
    mockFetch({
      [path]: () => ({ status: 200, body: current }),
      [`${path}/cancel`]: async (req) => {
        sent.push(await req.json());
        current = order({
          status: 'cancelled',
          allowed_transitions: [],
          events: [...order().events!, { status: 'cancelled', from: 'placed', at: '2026-11-25T11:00:00Z', note: 'Wrong size', actor: 'customer' }],
        });
        return { status: 200, body: current };
      },
      '/api/v1/cart': emptyCart,
    });
    signIn(casey);
    renderRoutes('/orders/ORD-7K3F-9QXM');
    const user = userEvent.setup();
    expect(await screen.findByTestId('order-reference')).toHaveTextContent('ORD-7K3F-9QXM');
    const actions = screen.getByRole('group', { name: 'Order actions' });
    expect(within(actions).queryByRole('button', { name: 'Request a return' })).toBeNull();

    await user.click(within(actions).getByRole('button', { name: 'Cancel order' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel order ORD-7K3F-9QXM?' });
    await user.type(within(dialog).getByRole('textbox', { name: /Why are you cancelling/ }), 'Wrong size');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel the order' }));

    await waitFor(() => expect(screen.getAllByTestId('status-badge')[0]).toHaveTextContent('Cancelled'));
    expect(sent).toEqual([{ note: 'Wrong size' }]);
    expect(screen.queryByRole('button', { name: 'Cancel order' })).toBeNull();
    expect(screen.getByText('Wrong size')).toBeInTheDocument(); // in the timeline
  });

  it('shows only the actions the order allows: no Cancel once it is processing', async () => {
    mockFetch({ [path]: { status: 200, body: order({ status: 'processing', allowed_transitions: [] }) }, '/api/v1/cart': emptyCart });
    signIn(casey);
    renderRoutes('/orders/ORD-7K3F-9QXM');
    const actions = await screen.findByRole('group', { name: 'Order actions' });
    expect(within(actions).getAllByRole('button').map((b) => b.textContent)).toEqual(['Reorder']);
  });

  it('shows shipments with tracking, returns, the timeline and the documents', async () => {
    const fetchMock = mockFetch({
      [path]: { status: 200, body: shipped },
      [`${path}/documents/invoice`]: () => ({ status: 200, body: '%PDF-1.7', contentType: 'application/pdf' }),
      '/api/v1/cart': emptyCart,
    });
    // jsdom has no object URLs: stand-ins, put back at the end.
    const saved = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
    const createObjectURL = vi.fn(() => 'blob:invoice');
    URL.createObjectURL = createObjectURL;
    URL.revokeObjectURL = vi.fn();
    const clicks = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    signIn(casey);
    renderRoutes('/orders/ORD-7K3F-9QXM');
    const user = userEvent.setup();

    const shipment = await screen.findByRole('article', { name: 'Shipment 1' });
    expect(within(shipment).getByTestId('tracking-number')).toHaveTextContent('1Z999AA10123456784');
    const track = within(shipment).getByRole('link', { name: /Track the parcel with UPS/ });
    expect(track).toHaveAttribute('href', 'https://www.ups.com/track?tracknum=1Z999AA10123456784');
    expect(track).toHaveAttribute('rel', 'noopener noreferrer');
    expect(shipment).toHaveTextContent('2 × Cordless drill 18V');

    const ret = screen.getByRole('article', { name: 'Return 1' });
    expect(ret).toHaveTextContent('Rejected');
    expect(ret).toHaveTextContent('Opened tools cannot be returned');

    const history = screen.getByRole('region', { name: 'History' });
    expect(within(history).getByText('UPS 1Z999AA10123456784')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Invoice (PDF)' }));
    await waitFor(() => expect(clicks).toHaveBeenCalled());
    const download = requestsTo(fetchMock, `${path}/documents/invoice`)[0]!;
    expect(download.headers.get('Authorization')).toBe('Bearer test-token');
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    URL.createObjectURL = saved.create;
    URL.revokeObjectURL = saved.revoke;
  });

  it('asks for a return of delivered units: lines, quantities and a reason', async () => {
    const sent: unknown[] = [];
    let current: Order = { ...shipped, returns: [] };
    mockFetch({
      [path]: () => ({ status: 200, body: current }),
      [`${path}/returns`]: async (req) => {
        sent.push(await req.json());
        current = {
          ...shipped,
          returns: [
            { ...shipped.returns![0]!, status: 'requested', reason: 'Arrived broken', note: '', decided_at: null, lines: [{ sku: 'POW-001', name: 'Cordless drill 18V', quantity: 1 }] },
          ],
        };
        return { status: 201, body: current };
      },
      '/api/v1/cart': emptyCart,
    });
    signIn(casey);
    renderRoutes('/orders/ORD-7K3F-9QXM');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Request a return' }));
    const dialog = await screen.findByRole('dialog', { name: 'Request a return' });
    await user.click(within(dialog).getByRole('button', { name: 'Send the request' }));
    expect(within(dialog).getByText('Choose at least one product to return')).toBeInTheDocument();
    expect(within(dialog).getByText('Tell us why you are returning them')).toBeInTheDocument();

    const drills = within(dialog).getByRole('textbox', { name: 'Units of Cordless drill 18V to return' });
    await user.clear(drills);
    await user.type(drills, '1');
    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'Arrived broken');
    await user.click(within(dialog).getByRole('button', { name: 'Send the request' }));
    expect(await screen.findByRole('article', { name: 'Return 1' })).toHaveTextContent('Requested');
    expect(sent).toEqual([{ reason: 'Arrived broken', lines: [{ sku: 'POW-001', quantity: 1 }] }]);
  });

  it('reorders: the same products into the cart, reporting what can no longer be ordered', async () => {
    const puts: unknown[] = [];
    mockFetch({
      [path]: { status: 200, body: order() },
      '/api/v1/cart': { status: 200, body: cart([cartLine({ quantity: 1 })]) },
      '/api/v1/cart/items/POW-001': async (req) => {
        puts.push(await req.json());
        return { status: 200, body: cart([cartLine({ quantity: 3 })]) };
      },
      '/api/v1/cart/items/HAN-009': problem(404, 'Not Found', 'product not found'),
    });
    signIn(casey);
    const router = renderRoutes('/orders/ORD-7K3F-9QXM');
    await userEvent.click(await screen.findByRole('button', { name: 'Reorder' }));
    const notice = await screen.findByTestId('reorder-notice');
    expect(currentUrl(router)).toBe('/cart');
    expect(notice).toHaveTextContent('Products from ORD-7K3F-9QXM are in your cart');
    expect(notice).toHaveTextContent('Claw hammer 16oz: No longer sold to your account');
    expect(puts).toEqual([{ quantity: 3 }]); // 1 already in the cart + 2 ordered
  });

  it('says when the order is not on this account', async () => {
    mockFetch({ '/api/v1/orders/ORD-NOPE-NOPE': problem(404, 'Not Found', 'order not found'), '/api/v1/cart': emptyCart });
    signIn(casey);
    renderRoutes('/orders/ORD-NOPE-NOPE');
    expect(await screen.findByRole('heading', { level: 1, name: 'Order not found' })).toBeInTheDocument();
  });

  it('sends a logged-out visitor (the email link) to log in, then back', async () => {
    mockFetch({});
    const router = renderRoutes('/orders/ORD-7K3F-9QXM');
    await screen.findByRole('button', { name: 'Log in' });
    expect(currentUrl(router)).toBe('/login?next=%2Forders%2FORD-7K3F-9QXM');
  });

  it('shows the progress with the promised dates and what happens next', async () => {
    mockFetch({
      [path]: { status: 200, body: order({ status: 'confirmed' }) },
      [`${path}/tracking`]: { status: 200, body: tracking() },
      '/api/v1/cart': emptyCart,
    });
    signIn(casey);
    renderRoutes('/orders/ORD-7K3F-9QXM');
    const progress = await screen.findByRole('region', { name: 'Progress' });
    expect(await within(progress).findByTestId('order-next')).toHaveTextContent('Your order is confirmed and will leave our warehouse by 27 Nov 2026.');
    expect(within(progress).getByTestId('order-promise')).toHaveTextContent(/Dispatch by.*27.*Delivery by.*2/);
    const steps = within(within(progress).getByRole('list', { name: 'Progress of ORD-7K3F-9QXM' })).getAllByRole('listitem');
    expect(steps.map((s) => s.textContent)).toEqual([
      expect.stringContaining('Placed (done)'),
      expect.stringContaining('Confirmed (now)'),
      expect.stringContaining('Processing (to come)'),
      expect.stringMatching(/Shipped \(to come\)Leaves our warehouse by/),
      expect.stringMatching(/Delivered \(to come\)Arrives by/),
    ]);
  });

  it('switches updates for this order on or off, or back to the account’s choice', async () => {
    const sent: unknown[] = [];
    mockFetch({
      [path]: { status: 200, body: order({ notifications: { email: null, sms: null } }) },
      [`${path}/tracking`]: { status: 200, body: tracking({ status: 'placed' }) },
      [`${path}/notifications`]: async (req) => {
        const body = (await req.json()) as { email: boolean | null; sms: boolean | null };
        sent.push(body);
        return { status: 200, body };
      },
      '/api/v1/me/notifications': { status: 200, body: { email: true, sms: false } },
      '/api/v1/cart': emptyCart,
    });
    signIn(casey);
    renderRoutes('/orders/ORD-7K3F-9QXM');
    const user = userEvent.setup();
    const updates = await screen.findByRole('region', { name: 'Updates for this order' });
    const sms = within(updates).getByRole('combobox', { name: /SMS/ });
    await waitFor(() => expect(within(sms).getByRole('option', { name: 'As in my account (off)' })).toBeInTheDocument());
    await user.selectOptions(sms, 'on');
    expect(await within(updates).findByText('Saved.')).toBeInTheDocument();
    expect(sent).toEqual([{ email: null, sms: true }]);
    expect(sms).toHaveValue('on');

    await user.selectOptions(within(updates).getByRole('combobox', { name: /Email/ }), 'off');
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]).toEqual({ email: false, sms: true });
  });
});
