import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { mockFetch, problem, requestsTo, type FakeResponse } from '../../test/fetchMock';
import { currentUrl, renderRoutes } from '../../test/renderRoutes';
import { signIn } from '../../test/session';
import { casey, order } from './testData';

beforeAll(async () => {
  await import('./OrdersPage');
  await import('../tracking/TrackPage');
});

const first = order({ reference: 'ORD-AAAA-0001', status: 'shipped', placed_at: '2026-11-24T09:00:00Z' });
const second = order({ reference: 'ORD-AAAA-0002', status: 'placed' });
const older = order({ reference: 'ORD-BBBB-0003', status: 'delivered', placed_at: '2026-10-01T09:00:00Z' });

describe('my orders', { timeout: 20_000 }, () => {
  it('lists orders with reference, date, status and total, and loads more', async () => {
    const fetchMock = mockFetch({
      '/api/v1/orders': (req) => {
        const cursor = new URL(req.url).searchParams.get('cursor');
        return cursor === 'c2'
          ? { status: 200, body: { items: [older], next_cursor: null } }
          : { status: 200, body: { items: [second, first], next_cursor: 'c2' } };
      },
      '/api/v1/cart': { status: 200, body: { items: [], issues: [], totals: null } },
    });
    signIn(casey);
    renderRoutes('/orders');
    const table = await screen.findByRole('table', { name: 'Orders' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent('ORD-AAAA-0002');
    expect(rows[1]).toHaveTextContent('Placed');
    expect(rows[1]).toHaveTextContent('$239.97');
    expect(within(rows[2]!).getByRole('link', { name: 'ORD-AAAA-0001' })).toHaveAttribute('href', '/orders/ORD-AAAA-0001');
    expect(rows[2]).toHaveTextContent('Shipped');

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(table).findByText('ORD-BBBB-0003')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(new URL(requestsTo(fetchMock, '/api/v1/orders').at(-1)!.url).searchParams.get('cursor')).toBe('c2');
  });

  it('filters by status and finds a reference, both in the URL', async () => {
    const fetchMock = mockFetch({
      '/api/v1/orders': (req) => {
        const params = new URL(req.url).searchParams;
        if (params.get('q') === 'ORD-BBBB') return { status: 200, body: { items: [older], next_cursor: null } };
        if (params.get('status') === 'delivered') return { status: 200, body: { items: [older], next_cursor: null } };
        return { status: 200, body: { items: [second, first], next_cursor: null } };
      },
      '/api/v1/cart': { status: 200, body: { items: [], issues: [], totals: null } },
    });
    signIn(casey);
    const router = renderRoutes('/orders');
    const user = userEvent.setup();
    await screen.findByRole('table', { name: 'Orders' });

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'delivered');
    await waitFor(() => expect(currentUrl(router)).toBe('/orders?status=delivered'));
    expect(await screen.findByText('ORD-BBBB-0003')).toBeInTheDocument();
    expect(screen.queryByText('ORD-AAAA-0002')).toBeNull();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), '');
    await user.type(screen.getByRole('searchbox', { name: 'Reference' }), 'ord-bbbb');
    await waitFor(() => expect(currentUrl(router)).toBe('/orders?q=ord-bbbb'));
    await waitFor(() => expect(screen.queryByText('ORD-AAAA-0002')).toBeNull());
    const last = new URL(requestsTo(fetchMock, '/api/v1/orders').at(-1)!.url);
    expect(last.searchParams.get('q')).toBe('ORD-BBBB');
  });

  it('has a friendly empty state', async () => {
    mockFetch({
      '/api/v1/orders': { status: 200, body: { items: [], next_cursor: null } },
      '/api/v1/cart': { status: 200, body: { items: [], issues: [], totals: null } },
    });
    signIn(casey);
    renderRoutes('/orders');
    expect(await screen.findByText('No orders yet')).toBeInTheDocument();
    expect(within(screen.getByRole('main')).getByRole('link', { name: 'Browse the shop' })).toHaveAttribute('href', '/shop');
  });
});

describe('my orders: several at once', { timeout: 20_000 }, () => {
  function api(sms: FakeResponse) {
    return mockFetch({
      '/api/v1/orders': { status: 200, body: { items: [second, first, older], next_cursor: null } },
      '/api/v1/cart': { status: 200, body: { items: [], issues: [], totals: null } },
      '/api/v1/tracking/sms': sms,
      '/api/v1/tracking': { status: 200, body: { items: [], not_found: [] } },
      '/api/v1/tracking/board': { status: 200, body: { items: [], not_found: [] } },
    });
  }

  async function selectTwo() {
    const user = userEvent.setup();
    await screen.findByRole('table', { name: 'Orders' });
    const bar = screen.getByRole('group', { name: 'Selected orders' });
    expect(within(bar).getByRole('button', { name: 'Track selected' })).toBeDisabled();
    await user.click(screen.getByRole('checkbox', { name: 'Select ORD-AAAA-0001' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select ORD-BBBB-0003' }));
    expect(bar).toHaveTextContent('2 selected');
    return { user, bar };
  }

  it('tracks the selected orders together on /track', async () => {
    api({ status: 202, body: {} });
    signIn(casey);
    const router = renderRoutes('/orders');
    const { user, bar } = await selectTwo();
    await user.click(within(bar).getByRole('button', { name: 'Track selected' }));
    await waitFor(() => expect(currentUrl(router)).toBe('/track?r=ORD-AAAA-0001,ORD-BBBB-0003'));
  });

  it('selects all shown orders at once', async () => {
    api({ status: 202, body: {} });
    signIn(casey);
    renderRoutes('/orders');
    const user = userEvent.setup();
    await screen.findByRole('table', { name: 'Orders' });
    await user.click(screen.getByRole('checkbox', { name: 'Select all orders shown' }));
    expect(screen.getByRole('group', { name: 'Selected orders' })).toHaveTextContent('3 selected');
    await user.click(screen.getByRole('button', { name: 'Clear selection' }));
    expect(screen.getByRole('checkbox', { name: 'Select ORD-AAAA-0001' })).not.toBeChecked();
  });

  it('texts me their status and says where it went', async () => {
    const fetchMock = api({ status: 202, body: { message_id: 'm-1', to: '+1•••••••0123' } });
    signIn(casey);
    renderRoutes('/orders');
    const { user, bar } = await selectTwo();
    await user.click(within(bar).getByRole('button', { name: 'Text me their status' }));
    expect(await screen.findByTestId('sms-sent')).toHaveTextContent('Sent to +1•••••••0123.');
    expect(await requestsTo(fetchMock, '/api/v1/tracking/sms')[0]!.clone().json()).toEqual({ references: ['ORD-AAAA-0001', 'ORD-BBBB-0003'] });
  });

  it('says why no text can be sent: no verified phone (409)', async () => {
    api(problem(409, 'Conflict', 'your account has no verified phone number to text; add one in your account first'));
    signIn(casey);
    renderRoutes('/orders');
    const { user, bar } = await selectTwo();
    await user.click(within(bar).getByRole('button', { name: 'Text me their status' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We cannot text you');
    expect(alert).toHaveTextContent('Your account has no verified phone number to text; add one in your account first.');
    expect(within(alert).getByRole('link', { name: 'My account' })).toHaveAttribute('href', '/account');
  });

  it('says when too many texts were asked for (429)', async () => {
    api(problem(429, 'Too Many Requests', 'too many status texts', { headers: { 'Retry-After': '1800' } }));
    signIn(casey);
    renderRoutes('/orders');
    const { user, bar } = await selectTwo();
    await user.click(within(bar).getByRole('button', { name: 'Text me their status' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Too many texts asked for');
    expect(alert).toHaveTextContent('You can ask for another status text in 1800 seconds (about 30 minutes).');
  });
});
