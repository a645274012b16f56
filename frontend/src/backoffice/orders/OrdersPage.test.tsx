import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, problem, requestsTo } from '../../test/fetchMock';
import { currentUrl, renderRoutes } from '../../test/renderRoutes';
import { adminMe, signIn, supportMe } from '../../test/session';
import { savedViewsKey } from './savedViews';
import { fulfilmentMe, line, order, salesMe } from './testData';

const page = (items = [order()], next: string | null = null) => ({ status: 200, body: { items, next_cursor: next } });
const queryOf = (request: Request | undefined) => new URL(request?.url ?? 'http://x/').searchParams;
const lastQueue = (fetchMock: ReturnType<typeof mockFetch>) => queryOf(requestsTo(fetchMock, '/api/v1/admin/orders').at(-1));

const urgent = order({
  reference: 'ORD-URG1-0001',
  priority: 'urgent',
  channel: 'phone',
  items: [line('SAW-190', 'Circular saw', 3)],
  totals: { subtotal: 3000, discount: 0, tax: 0, shipping: 0, total: 3000, currency: 'USD' },
  customer: { id: 'c2', login_id: 'C000002', name: 'Blake Buyer' },
});
const processing = order({ reference: 'ORD-PRC1-0002', status: 'processing', allowed_transitions: ['cancelled'] });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Order queue', { timeout: 20_000 }, () => {
  it('shows the rows in the server’s order with priority, customer, age, status, channel, total and items', async () => {
    const fetchMock = mockFetch({ '/api/v1/admin/orders': page([urgent, order(), processing]) });
    signIn(salesMe);
    renderRoutes('/admin/orders');
    const table = await screen.findByRole('table', { name: 'Orders' }, { timeout: 15_000 });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(rows[1]).toHaveTextContent(/Urgent.*ORD-URG1-0001.*Blake Buyer.*C000002.*ago.*Placed.*Phone.*\$30\.00.*3 items/);
    expect(rows[2]).toHaveTextContent(/Standard.*ORD-7K3F-9QXM.*Casey Consumer.*C000001.*Placed.*Web shop.*\$37\.40.*3 items/);
    expect(rows[3]).toHaveTextContent(/ORD-PRC1-0002.*Processing/);
    expect(within(rows[1]!).getByRole('link', { name: 'ORD-URG1-0001' })).toHaveAttribute('href', '/admin/orders/ORD-URG1-0001');
    // "All open" is the default view: the open statuses are asked for.
    expect(lastQueue(fetchMock).getAll('status')).toEqual(['placed', 'confirmed', 'processing', 'shipped']);
    expect(lastQueue(fetchMock).get('view')).toBeNull();
    expect(screen.getByRole('link', { name: 'All open' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'New order' })).toHaveAttribute('href', '/admin/orders/new');
    expect(within(screen.getByRole('navigation', { name: 'Back office' })).getByRole('link', { name: 'Orders' })).toBeInTheDocument();
  });

  it('reads the filters from the URL, sends them, and writes changes back', async () => {
    const fetchMock = mockFetch({ '/api/v1/admin/orders': page() });
    signIn(adminMe);
    const router = renderRoutes('/admin/orders?view=all&status=confirmed&status=placed&priority=urgent&channel=phone&customer=C000002&placed_from=2027-01-01&placed_to=2027-01-31&q=ORD-7K');
    const form = await screen.findByRole('search', { name: 'Filter orders' });
    await waitFor(() => expect(requestsTo(fetchMock, '/api/v1/admin/orders').length).toBeGreaterThan(0));
    expect(Object.fromEntries(lastQueue(fetchMock))).toMatchObject({
      priority: 'urgent',
      channel: 'phone',
      customer: 'C000002',
      placed_from: '2027-01-01',
      placed_to: '2027-01-31',
      q: 'ORD-7K',
    });
    expect(lastQueue(fetchMock).getAll('status')).toEqual(['placed', 'confirmed']);
    expect(within(form).getByRole('checkbox', { name: 'Placed' })).toBeChecked();
    expect(within(form).getByRole('checkbox', { name: 'Confirmed' })).toBeChecked();
    expect(within(form).getByRole('combobox', { name: 'Priority' })).toHaveValue('urgent');
    expect(within(form).getByRole('textbox', { name: 'Customer' })).toHaveValue('C000002');
    expect(within(form).getByLabelText('Placed from')).toHaveValue('2027-01-01');
    expect(screen.getByRole('link', { name: 'All orders' })).toHaveAttribute('aria-current', 'page');

    await userEvent.click(within(form).getByRole('checkbox', { name: 'Shipped' }));
    await waitFor(() => expect(router.state.location.search).toContain('status=shipped'));
    await userEvent.selectOptions(within(form).getByRole('combobox', { name: 'Channel' }), 'fax');
    await waitFor(() => expect(router.state.location.search).toContain('channel=fax'));
    const reference = within(form).getByRole('searchbox', { name: 'Reference' });
    await userEvent.clear(reference);
    await userEvent.type(reference, 'ord-9{Enter}');
    await waitFor(() =>
      expect(currentUrl(router)).toBe(
        '/admin/orders?view=all&status=placed&status=confirmed&status=shipped&priority=urgent&channel=fax&customer=C000002&placed_from=2027-01-01&placed_to=2027-01-31&q=ord-9',
      ),
    );
    await waitFor(() => expect(lastQueue(fetchMock).get('q')).toBe('ord-9'));
    expect(lastQueue(fetchMock).getAll('status')).toEqual(['placed', 'confirmed', 'shipped']);

    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(currentUrl(router)).toBe('/admin/orders?view=all'));
    await waitFor(() => expect(lastQueue(fetchMock).getAll('status')).toEqual([]));
  });

  it('switches to the server’s saved views', async () => {
    const fetchMock = mockFetch({ '/api/v1/admin/orders': page() });
    signIn(salesMe);
    const router = renderRoutes('/admin/orders?channel=phone');
    await screen.findByRole('table', { name: 'Orders' });
    await userEvent.click(screen.getByRole('link', { name: 'To confirm' }));
    await waitFor(() => expect(currentUrl(router)).toBe('/admin/orders?view=to_confirm'));
    await waitFor(() => expect(lastQueue(fetchMock).get('view')).toBe('to_confirm'));
    expect(lastQueue(fetchMock).getAll('status')).toEqual([]);
    expect(lastQueue(fetchMock).get('channel')).toBeNull();
    expect(screen.getByRole('link', { name: 'To confirm' })).toHaveAttribute('aria-current', 'page');

    await userEvent.click(screen.getByRole('link', { name: 'To ship today' }));
    await waitFor(() => expect(lastQueue(fetchMock).get('view')).toBe('to_ship_today'));
  });

  it('saves the current filters as a view of my own, opens it, and deletes it', async () => {
    mockFetch({ '/api/v1/admin/orders': page() });
    signIn(salesMe);
    const router = renderRoutes('/admin/orders?status=placed&priority=urgent');
    await screen.findByRole('table', { name: 'Orders' });
    expect(screen.getByText(/None yet/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Save view' }));
    const dialog = await screen.findByRole('form', { name: 'Save these filters as a view' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByText('Give the view a name')).toBeInTheDocument();
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'View name' }), 'Urgent new{Enter}');

    const mine = await screen.findByRole('list', { name: 'My views' });
    const link = within(mine).getByRole('link', { name: 'Urgent new' });
    expect(link).toHaveAttribute('aria-current', 'page');
    expect(JSON.parse(window.localStorage.getItem(savedViewsKey(salesMe.id)) ?? '[]')).toEqual([
      { name: 'Urgent new', search: 'status=placed&priority=urgent' },
    ]);
    // The same filters cannot be saved twice.
    expect(screen.getByRole('button', { name: 'Save view' })).toBeDisabled();

    await userEvent.click(screen.getByRole('link', { name: 'To confirm' }));
    await waitFor(() => expect(currentUrl(router)).toBe('/admin/orders?view=to_confirm'));
    expect(within(mine).getByRole('link', { name: 'Urgent new' })).not.toHaveAttribute('aria-current');
    await userEvent.click(within(mine).getByRole('link', { name: 'Urgent new' }));
    await waitFor(() => expect(currentUrl(router)).toBe('/admin/orders?status=placed&priority=urgent'));

    await userEvent.click(screen.getByRole('button', { name: 'Delete view “Urgent new”' }));
    await waitFor(() => expect(screen.queryByRole('list', { name: 'My views' })).not.toBeInTheDocument());
    expect(JSON.parse(window.localStorage.getItem(savedViewsKey(salesMe.id)) ?? 'null')).toEqual([]);
  });

  it('keeps each staff member’s views apart', async () => {
    window.localStorage.setItem(savedViewsKey(supportMe.id), JSON.stringify([{ name: 'Support only', search: 'channel=phone' }]));
    mockFetch({ '/api/v1/admin/orders': page() });
    signIn(salesMe);
    renderRoutes('/admin/orders');
    await screen.findByRole('table', { name: 'Orders' });
    expect(screen.queryByRole('link', { name: 'Support only' })).not.toBeInTheDocument();
  });

  it('confirms the selected orders and shows what happened to each', async () => {
    const second = order({ reference: 'ORD-SEC2-0003' });
    const fetchMock = mockFetch({
      '/api/v1/admin/orders': page([urgent, second, processing]),
      '/api/v1/admin/orders/bulk-status': {
        status: 200,
        body: {
          results: [
            { reference: 'ORD-URG1-0001', ok: true, status: 'confirmed' },
            { reference: 'ORD-SEC2-0003', ok: false, error: 'the order was changed by someone else since you loaded it' },
          ],
        },
      },
    });
    signIn(salesMe);
    renderRoutes('/admin/orders');
    const table = await screen.findByRole('table', { name: 'Orders' });
    // A processing order cannot be confirmed: its box is off.
    expect(within(table).getByRole('checkbox', { name: 'Select ORD-PRC1-0002' })).toBeDisabled();
    const confirm = screen.getByRole('button', { name: 'Confirm selected' });
    expect(confirm).toBeDisabled();

    await userEvent.click(within(table).getByRole('checkbox', { name: 'Select every order that can be confirmed' }));
    expect(within(table).getByRole('checkbox', { name: 'Select ORD-URG1-0001' })).toBeChecked();
    expect(within(table).getByRole('checkbox', { name: 'Select ORD-SEC2-0003' })).toBeChecked();
    await userEvent.click(screen.getByRole('button', { name: 'Confirm selected (2)' }));

    const results = await screen.findByRole('list', { name: 'Results' });
    const body = (await requestsTo(fetchMock, '/api/v1/admin/orders/bulk-status')[0]!.json()) as unknown;
    expect(body).toEqual({ references: ['ORD-URG1-0001', 'ORD-SEC2-0003'], status: 'confirmed', note: '' });
    expect(screen.getByText('Confirmed 1 of 2 orders; 1 could not be confirmed')).toBeInTheDocument();
    const items = within(results).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('ORD-URG1-0001: Confirmed');
    expect(items[1]).toHaveTextContent('ORD-SEC2-0003: The order was changed by someone else since you loaded it.');
    // The queue is asked again, and the one that failed stays selected to try again.
    await waitFor(() => expect(requestsTo(fetchMock, '/api/v1/admin/orders').length).toBeGreaterThanOrEqual(2));
    expect(screen.getByRole('button', { name: 'Confirm selected (1)' })).toBeEnabled();
  });

  it('fulfilment sees the queue without selection or “New order”', async () => {
    mockFetch({
      '/api/v1/admin/orders': page([order({ status: 'confirmed', allowed_transitions: ['processing'] })]),
    });
    signIn(fulfilmentMe);
    renderRoutes('/admin/orders');
    const table = await screen.findByRole('table', { name: 'Orders' });
    expect(within(table).queryByRole('checkbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Confirm selected/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'New order' })).not.toBeInTheDocument();
  });

  it('exports the filtered list as CSV with the token', async () => {
    const createObjectURL = vi.fn((blob: Blob) => `blob:${blob.size}`);
    URL.createObjectURL = createObjectURL;
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const fetchMock = mockFetch({
      '/api/v1/admin/orders': page(),
      '/api/v1/admin/orders/export': { status: 200, body: 'reference\nORD-7K3F-9QXM', contentType: 'text/csv' },
    });
    signIn(salesMe);
    renderRoutes('/admin/orders?view=to_confirm&channel=phone');
    await screen.findByRole('table', { name: 'Orders' });
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    const request = requestsTo(fetchMock, '/api/v1/admin/orders/export')[0]!;
    expect(request.headers.get('Authorization')).toBe('Bearer test-token');
    expect(Object.fromEntries(queryOf(request))).toEqual({ view: 'to_confirm', channel: 'phone' });
    expect(createObjectURL.mock.calls[0]![0].size).toBeGreaterThan(0);
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toMatch(/^orders-\d{4}-\d{2}-\d{2}\.csv$/);
  });

  it('shows a filter the API rejects at the filter, and a date range that selects nothing', async () => {
    const fetchMock = mockFetch({
      '/api/v1/admin/orders': (request) =>
        queryOf(request).get('customer') === 'nobody'
          ? problem(422, 'Unprocessable Entity', 'validation failed', { errors: [{ field: 'customer', message: 'no customer has this Login ID or email' }] })
          : page(),
    });
    signIn(salesMe);
    const router = renderRoutes('/admin/orders?customer=nobody');
    expect(await screen.findByText('Customer no customer has this Login ID or email.')).toBeInTheDocument();
    expect(screen.getByText('No orders to show: correct the highlighted filter.')).toBeInTheDocument();

    const calls = requestsTo(fetchMock, '/api/v1/admin/orders').length;
    await router.navigate('/admin/orders?placed_from=2027-02-01&placed_to=2027-01-01');
    expect(await screen.findByText('“Placed from” is after “Placed to”')).toBeInTheDocument();
    expect(requestsTo(fetchMock, '/api/v1/admin/orders')).toHaveLength(calls);
  });

  it('pages with the cursor (“Load more”)', async () => {
    const fetchMock = mockFetch({
      '/api/v1/admin/orders': (request) =>
        queryOf(request).get('cursor') === 'c2' ? page([processing]) : page([urgent], 'c2'),
    });
    signIn(salesMe);
    renderRoutes('/admin/orders');
    await screen.findByRole('link', { name: 'ORD-URG1-0001' });
    expect(screen.getByText('1 order so far')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('link', { name: 'ORD-PRC1-0002' })).toBeInTheDocument();
    expect(screen.getByText('2 orders')).toBeInTheDocument();
    expect(lastQueue(fetchMock).get('cursor')).toBe('c2');
  });
});
