import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrackingResult } from '../../api/tracking';
import { mockFetch, problem, requestsTo } from '../../test/fetchMock';
import { currentUrl, renderRoutes } from '../../test/renderRoutes';
import { signIn } from '../../test/session';
import { casey } from '../orders/testData';
import { tracking } from './testData';

beforeAll(async () => {
  await import('./TrackPage');
});

const first = tracking({ reference: 'ORD-AAAA-0001', priority: 'express' });
const second = tracking({
  reference: 'ORD-BBBB-0002',
  status: 'shipped',
  next: 'Your order is on its way and should arrive by 2 Dec 2026.',
  events: [
    { status: 'placed', at: '2026-11-25T10:00:00Z', note: '' },
    { status: 'confirmed', at: '2026-11-25T11:00:00Z', note: '' },
    { status: 'processing', at: '2026-11-26T09:00:00Z', note: '' },
    { status: 'shipped', at: '2026-11-26T15:00:00Z', note: '' },
  ],
  shipments: [
    {
      number: 1,
      carrier: 'UPS',
      tracking_number: '1Z999AA10123456784',
      tracking_url: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
      status: 'shipped',
      shipped_at: '2026-11-26T15:00:00Z',
      delivered_at: null,
      lines: [{ sku: 'POW-001', name: 'Cordless drill 18V', quantity: 2 }],
    },
  ],
});
const openBoard: TrackingResult = { items: [first], not_found: [] };
const emptyCart = { status: 200, body: { items: [], issues: [], totals: null } };

/** The customer's tracking API: POST /tracking answers for the references it is given. */
function customerApi(known = [first, second]) {
  return mockFetch({
    '/api/v1/tracking': async (req) => {
      const { references } = (await req.clone().json()) as { references: string[] };
      return {
        status: 200,
        body: {
          items: known.filter((t) => references.includes(t.reference)),
          not_found: references.filter((r) => !known.some((t) => t.reference === r)),
        } satisfies TrackingResult,
      };
    },
    '/api/v1/tracking/board': { status: 200, body: openBoard },
    '/api/v1/tracking/sms': { status: 202, body: { message_id: 'm-1', to: '+1•••••••0123' } },
    '/api/v1/cart': emptyCart,
  });
}

async function bodyOf(req: Request): Promise<unknown> {
  return req.clone().json();
}

describe('Track orders, logged in', { timeout: 30_000 }, () => {
  it('tracks the references of ?r= at once: a card per order, and what was not found', async () => {
    const fetchMock = customerApi();
    signIn(casey);
    renderRoutes('/track?r=ord-aaaa-0001,ORD-BBBB-0002,ORD-CCCC-0003');

    const results = await screen.findByRole('list', { name: 'Tracked orders' });
    expect(await bodyOf(requestsTo(fetchMock, '/api/v1/tracking')[0]!)).toEqual({
      references: ['ORD-AAAA-0001', 'ORD-BBBB-0002', 'ORD-CCCC-0003'],
    });
    // The chips show what is tracked, in canonical form.
    expect(screen.getAllByTestId('reference-chip').map((c) => c.textContent)).toEqual(['ORD-AAAA-0001', 'ORD-BBBB-0002', 'ORD-CCCC-0003']);
    expect(screen.getByTestId('result-summary')).toHaveTextContent('2 orders found, 1 not found.');

    const cards = within(results).getAllByRole('article');
    expect(cards.map((c) => c.getAttribute('data-reference'))).toEqual(['ORD-AAAA-0001', 'ORD-BBBB-0002']);
    const a = within(results).getByRole('article', { name: 'ORD-AAAA-0001' });
    expect(within(a).getByTestId('status-badge')).toHaveTextContent('Confirmed');
    expect(within(a).getByTestId('priority')).toHaveTextContent('Express');
    expect(within(a).getByTestId('next')).toHaveTextContent('will leave our warehouse by 27 Nov 2026');
    expect(within(a).getByTestId('promise')).toHaveTextContent(/Dispatch by .*27.* · Delivery by .*2/);
    expect(within(a).getByRole('link', { name: 'ORD-AAAA-0001' })).toHaveAttribute('href', '/orders/ORD-AAAA-0001');
    const steps = within(within(a).getByRole('list', { name: 'Progress of ORD-AAAA-0001' })).getAllByRole('listitem');
    expect(steps.map((s) => s.getAttribute('data-state'))).toEqual(['done', 'current', 'upcoming', 'upcoming', 'upcoming']);
    expect(steps[1]).toHaveTextContent('Confirmed (now)');
    expect(steps[3]).toHaveTextContent(/Leaves our warehouse by/);

    const b = within(results).getByRole('article', { name: 'ORD-BBBB-0002' });
    expect(within(b).getByTestId('status-badge')).toHaveTextContent('Shipped');
    const parcel = within(b).getByRole('link', { name: /1Z999AA10123456784/ });
    expect(parcel).toHaveAttribute('href', 'https://www.ups.com/track?tracknum=1Z999AA10123456784');
    expect(parcel).toHaveAccessibleName(/track the parcel with UPS/);

    const missing = screen.getByTestId('not-found');
    expect(missing).toHaveTextContent('Not found: 1 reference');
    expect(within(missing).getByRole('list', { name: 'References not found' })).toHaveTextContent('ORD-CCCC-0003');

    // My open orders, from the board.
    const open = await screen.findByRole('list', { name: 'My open orders' });
    expect(within(open).getAllByRole('article')).toHaveLength(1);
  });

  it('makes chips of typed and pasted references, flags what is not one, and tracks the rest', async () => {
    const fetchMock = customerApi();
    signIn(casey);
    const router = renderRoutes('/track');
    const user = userEvent.setup();
    const input = await screen.findByRole('textbox', { name: /Order references/ });

    await user.type(input, 'ord-aaaa-0001,');
    expect(screen.getAllByTestId('reference-chip').map((c) => c.textContent)).toEqual(['ORD-AAAA-0001']);
    await user.click(input);
    await user.paste('ORD-BBBB-0002\nnot-a-ref, ORD-AAAA-0001');
    const chips = screen.getAllByTestId('reference-chip');
    expect(chips.map((c) => c.textContent)).toEqual(['ORD-AAAA-0001', 'ORD-BBBB-0002', 'not-a-ref (not an order reference)']);
    expect(chips[2]).toHaveAttribute('data-invalid', 'true');

    await user.click(screen.getByRole('button', { name: 'Track' }));
    expect(await screen.findByText('not-a-ref is not an order reference (ORD-XXXX-XXXX): correct or remove it')).toBeInTheDocument();
    expect(requestsTo(fetchMock, '/api/v1/tracking')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Remove not-a-ref' }));
    // Typed, not yet a chip: Track takes it too.
    await user.type(input, 'cccc 0003');
    await user.click(screen.getByRole('button', { name: 'Track' }));
    await waitFor(() => expect(currentUrl(router)).toBe('/track?r=ORD-AAAA-0001,ORD-BBBB-0002,ORD-CCCC-0003'));
    await screen.findByRole('list', { name: 'Tracked orders' });
    expect(await bodyOf(requestsTo(fetchMock, '/api/v1/tracking')[0]!)).toEqual({
      references: ['ORD-AAAA-0001', 'ORD-BBBB-0002', 'ORD-CCCC-0003'],
    });
  });

  it('texts the status of the tracked orders and says where it went', async () => {
    const fetchMock = customerApi();
    signIn(casey);
    renderRoutes('/track?r=ORD-AAAA-0001,ORD-BBBB-0002');
    const user = userEvent.setup();
    await screen.findByRole('list', { name: 'Tracked orders' });
    await user.click(screen.getByRole('button', { name: 'Text me their status' }));
    expect(await screen.findByTestId('sms-sent')).toHaveTextContent('Sent to +1•••••••0123.');
    expect(await bodyOf(requestsTo(fetchMock, '/api/v1/tracking/sms')[0]!)).toEqual({ references: ['ORD-AAAA-0001', 'ORD-BBBB-0002'] });
  });
});

describe('Track orders, as a guest', { timeout: 30_000 }, () => {
  it('asks for the email or phone the orders were placed with, then shows them without links to the order pages', async () => {
    const fetchMock = mockFetch({
      '/api/v1/tracking/lookup': { status: 200, body: { items: [first], not_found: ['ORD-BBBB-0002'] } satisfies TrackingResult },
    });
    renderRoutes('/track?r=ORD-AAAA-0001,ORD-BBBB-0002');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Track' }));
    expect(await screen.findByText('Enter the email address the orders were placed with')).toBeInTheDocument();
    expect(requestsTo(fetchMock, '/api/v1/tracking/lookup')).toHaveLength(0);

    await user.click(screen.getByRole('radio', { name: 'Phone number' }));
    await user.type(screen.getByRole('textbox', { name: 'Phone number' }), 'call me');
    await user.click(screen.getByRole('button', { name: 'Track' }));
    expect(await screen.findByText('Enter a phone number like +1 415 555 0123')).toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'Email address' }));
    await user.type(screen.getByRole('textbox', { name: 'Email address' }), 'casey@example.com');
    await user.click(screen.getByRole('button', { name: 'Track' }));
    const results = await screen.findByRole('list', { name: 'Tracked orders' });
    expect(await bodyOf(requestsTo(fetchMock, '/api/v1/tracking/lookup')[0]!)).toEqual({
      references: ['ORD-AAAA-0001', 'ORD-BBBB-0002'],
      email: 'casey@example.com',
    });
    const card = within(results).getByRole('article', { name: 'ORD-AAAA-0001' });
    expect(within(card).queryByRole('link', { name: 'ORD-AAAA-0001' })).toBeNull();
    expect(screen.getByTestId('not-found')).toHaveTextContent(/email address or phone number/);
    // Guests have no board of open orders and no SMS.
    expect(screen.queryByRole('heading', { name: 'My open orders' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Text me/ })).toBeNull();
  });

  it('says clearly when lookups are limited (429)', async () => {
    mockFetch({
      '/api/v1/tracking/lookup': problem(429, 'Too Many Requests', 'too many tracking lookups; try again later', { headers: { 'Retry-After': '120' } }),
    });
    renderRoutes('/track?r=ORD-AAAA-0001');
    const user = userEvent.setup();
    await user.type(await screen.findByRole('textbox', { name: 'Email address' }), 'casey@example.com');
    await user.click(screen.getByRole('button', { name: 'Track' }));
    const alert = await screen.findByTestId('lookup-limited');
    expect(alert).toHaveTextContent('Too many lookups');
    expect(alert).toHaveTextContent('Try again in 120 seconds (about 2 minutes).');
  });
});
