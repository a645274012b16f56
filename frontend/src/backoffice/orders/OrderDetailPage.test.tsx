import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Order } from '../../api/adminOrders';
import { mockFetch, problem, requestsTo } from '../../test/fetchMock';
import { problemTypes } from '../../api/problems';
import { renderRoutes } from '../../test/renderRoutes';
import { adminMe, signIn, supportMe } from '../../test/session';
import { fulfilmentMe, line, order, salesMe, shipment } from './testData';

const ref = 'ORD-7K3F-9QXM';
const base = `/api/v1/admin/orders/${ref}`;
const ok = (body: Order, status = 200) => ({ status, body });
const bodyOf = async (fetchMock: ReturnType<typeof mockFetch>, path: string, index = 0) =>
  (await requestsTo(fetchMock, path)[index]!.clone().json()) as Record<string, unknown>;

const processing = order({
  status: 'processing',
  version: 4,
  allowed_transitions: ['shipped', 'cancelled'],
  items: [line('DRL-230', 'Cordless drill', 3, { shipped_quantity: 1 }), line('BIT-10', 'Drill bit set', 2)],
  shipments: [shipment({ lines: [{ sku: 'DRL-230', name: 'Cordless drill', quantity: 1 }] })],
});

describe('Order detail', { timeout: 20_000 }, () => {
  it('shows the order with its data, items, totals, address, documents and timeline', async () => {
    mockFetch({
      [base]: ok(
        order({
          priority: 'express',
          channel: 'phone',
          purchase_order_number: 'PO-4471',
          requested_delivery_date: '2027-03-01',
          payment_terms: 'net_30',
          notes: 'Leave at the back door',
          items: [line('DRL-230', 'Cordless drill', 2, { shipped_quantity: 2, returned_quantity: 1 })],
        }),
      ),
    });
    signIn(salesMe);
    renderRoutes(`/admin/orders/${ref}`);
    expect(await screen.findByRole('heading', { level: 1, name: ref }, { timeout: 15_000 })).toBeInTheDocument();
    const details = screen.getByRole('region', { name: 'Details' });
    expect(details).toHaveTextContent(/Casey Consumer.*C000001/);
    expect(details).toHaveTextContent('PO-4471');
    expect(details).toHaveTextContent('Mar 1, 2027');
    expect(details).toHaveTextContent('Net 30 days');
    expect(details).toHaveTextContent('500 Howard Street');
    expect(details).toHaveTextContent('Leave at the back door');
    expect(screen.getByText('Express')).toBeInTheDocument();
    const items = within(screen.getByRole('region', { name: 'Items' })).getByRole('table', { name: 'Items' });
    expect(within(items).getAllByRole('row')[1]).toHaveTextContent(/Cordless drill.*DRL-230.*2.*2.*1.*\$10\.00.*\$20\.00/);
    expect(screen.getByRole('group', { name: 'Totals' })).toHaveTextContent(/Total\$37\.40/);
    expect(screen.getByRole('button', { name: 'Order confirmation (PDF)' })).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Timeline' })).getByText('Placed')).toBeInTheDocument();
  });

  it('offers only the allowed status changes', async () => {
    mockFetch({ [base]: ok(order({ allowed_transitions: ['confirmed', 'cancelled'] })) });
    signIn(salesMe);
    renderRoutes(`/admin/orders/${ref}`);
    const status = await screen.findByRole('region', { name: 'Status' }, { timeout: 15_000 });
    const buttons = within(status).getAllByRole('button').map((b) => b.textContent);
    expect(buttons).toEqual(['Confirm', 'Cancel order']);
    expect(screen.queryByRole('button', { name: 'Start processing' })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'New shipment' })).not.toBeInTheDocument();
  });

  it('says so when nothing may be changed', async () => {
    mockFetch({ [base]: ok(order({ status: 'confirmed', allowed_transitions: [] })) });
    signIn(fulfilmentMe);
    renderRoutes(`/admin/orders/${ref}`);
    const status = await screen.findByRole('region', { name: 'Status' }, { timeout: 15_000 });
    expect(within(status).queryByRole('button')).not.toBeInTheDocument();
    expect(status).toHaveTextContent('There is no status change you can make now.');
  });

  it('changes the status with the note and the version it read, then shows the new state', async () => {
    let current = order();
    const confirmed = order({ status: 'confirmed', version: 2, allowed_transitions: ['processing', 'cancelled'] });
    const fetchMock = mockFetch({
      [base]: () => ok(current),
      [`${base}/status`]: () => {
        current = confirmed;
        return ok({ ...confirmed, events: undefined });
      },
    });
    signIn(salesMe);
    renderRoutes(`/admin/orders/${ref}`);
    const status = await screen.findByRole('region', { name: 'Status' }, { timeout: 15_000 });
    await userEvent.type(within(status).getByRole('textbox', { name: /Note/ }), 'Called the customer');
    await userEvent.click(within(status).getByRole('button', { name: 'Confirm' }));
    expect(await within(status).findByText('The order is now confirmed.')).toBeInTheDocument();
    expect(await bodyOf(fetchMock, `${base}/status`)).toEqual({ status: 'confirmed', note: 'Called the customer', version: 1 });
    expect(within(status).getByRole('button', { name: 'Start processing' })).toBeInTheDocument();
    // The answer has no timeline: the order is read again.
    await waitFor(() => expect(requestsTo(fetchMock, base).length).toBeGreaterThanOrEqual(2));
  });

  it('asks before cancelling', async () => {
    const fetchMock = mockFetch({
      [base]: ok(order()),
      [`${base}/status`]: ok(order({ status: 'cancelled', version: 2, allowed_transitions: [] })),
    });
    signIn(salesMe);
    renderRoutes(`/admin/orders/${ref}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel order' }, { timeout: 15_000 }));
    const dialog = await screen.findByRole('dialog', { name: `Cancel ${ref}?` });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep the order' }));
    expect(requestsTo(fetchMock, `${base}/status`)).toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel order' }));
    await userEvent.click(within(await screen.findByRole('dialog', { name: `Cancel ${ref}?` })).getByRole('button', { name: 'Cancel the order' }));
    await waitFor(() => expect(requestsTo(fetchMock, `${base}/status`)).toHaveLength(1));
    expect(await bodyOf(fetchMock, `${base}/status`)).toMatchObject({ status: 'cancelled', version: 1 });
  });

  it('says someone else changed the order on a 409, and reloads it', async () => {
    let reads = 0;
    mockFetch({
      [base]: () => {
        reads += 1;
        return ok(reads === 1 ? order() : order({ status: 'confirmed', version: 2, allowed_transitions: ['cancelled'] }));
      },
      [`${base}/status`]: problem(409, 'Conflict', 'the order was changed by someone else since you loaded it; reload and try again', { type: problemTypes.staleVersion }),
    });
    signIn(salesMe);
    renderRoutes(`/admin/orders/${ref}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Confirm' }, { timeout: 15_000 }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Someone else changed this order; reload');
    await userEvent.click(within(alert).getByRole('button', { name: 'Reload the order' }));
    await waitFor(() => expect(screen.queryByText('Someone else changed this order; reload')).not.toBeInTheDocument());
    expect(screen.getAllByText('Confirmed').length).toBeGreaterThan(0);
    expect(screen.queryByRole('button', { name: 'Confirm' })).not.toBeInTheDocument();
  });

  it('shows a rule the order breaks as it is, without asking to reload', async () => {
    mockFetch({
      [base]: ok(order()),
      [`${base}/status`]: problem(409, 'Conflict', 'this order has an open return request: receive or reject it first'),
    });
    signIn(salesMe);
    renderRoutes(`/admin/orders/${ref}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Confirm' }, { timeout: 15_000 }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not saved');
    expect(alert).toHaveTextContent('open return request');
    expect(within(alert).queryByRole('button', { name: 'Reload the order' })).not.toBeInTheDocument();
  });

  it('checks the shipment form before sending it', async () => {
    const fetchMock = mockFetch({ [base]: ok(processing) });
    signIn(fulfilmentMe);
    renderRoutes(`/admin/orders/${ref}`);
    const form = await screen.findByRole('form', { name: 'New shipment' }, { timeout: 15_000 });
    // Quantities default to what is left to ship.
    expect(within(form).getByRole('textbox', { name: 'Units of DRL-230 to ship' })).toHaveValue('2');
    expect(within(form).getByRole('textbox', { name: 'Units of BIT-10 to ship' })).toHaveValue('2');

    await userEvent.type(within(form).getByRole('textbox', { name: /Tracking link/ }), 'ftp://example.com/x');
    const drill = within(form).getByRole('textbox', { name: 'Units of DRL-230 to ship' });
    await userEvent.clear(drill);
    await userEvent.type(drill, '5');
    await userEvent.click(within(form).getByRole('button', { name: 'Record shipment' }));
    expect(await within(form).findByText('Enter the carrier')).toBeInTheDocument();
    expect(within(form).getByText('Enter the tracking number')).toBeInTheDocument();
    expect(within(form).getByText(/Enter a web address starting with https:\/\//)).toBeInTheDocument();
    expect(within(form).getByText('A whole number from 0 to 2')).toBeInTheDocument();

    await userEvent.clear(drill);
    await userEvent.type(drill, '0');
    const bits = within(form).getByRole('textbox', { name: 'Units of BIT-10 to ship' });
    await userEvent.clear(bits);
    await userEvent.type(bits, '0');
    await userEvent.click(within(form).getByRole('button', { name: 'Record shipment' }));
    expect(await within(form).findByText('Put at least one unit in the shipment')).toBeInTheDocument();
    expect(requestsTo(fetchMock, `${base}/shipments`)).toHaveLength(0);
  });

  it('records a shipment with the chosen lines and the version', async () => {
    const after = order({
      ...processing,
      version: 5,
      items: [line('DRL-230', 'Cordless drill', 3, { shipped_quantity: 3 }), line('BIT-10', 'Drill bit set', 2)],
      shipments: [...processing.shipments!, shipment({ number: 2, carrier: 'DHL', tracking_number: 'JD0142', tracking_url: 'https://dhl.example/JD0142' })],
    });
    let current = processing;
    const fetchMock = mockFetch({
      [base]: () => ok(current),
      [`${base}/shipments`]: () => {
        current = after;
        return ok(after, 201);
      },
    });
    signIn(fulfilmentMe);
    renderRoutes(`/admin/orders/${ref}`);
    const form = await screen.findByRole('form', { name: 'New shipment' }, { timeout: 15_000 });
    await userEvent.type(within(form).getByRole('textbox', { name: /Carrier/ }), ' DHL ');
    await userEvent.type(within(form).getByRole('textbox', { name: /Tracking number/ }), 'JD0142');
    await userEvent.type(within(form).getByRole('textbox', { name: /Tracking link/ }), 'https://dhl.example/JD0142');
    const bits = within(form).getByRole('textbox', { name: 'Units of BIT-10 to ship' });
    await userEvent.clear(bits);
    await userEvent.type(bits, '0');
    await userEvent.click(within(form).getByRole('button', { name: 'Record shipment' }));
    expect(await within(form).findByText('Shipment 2 was recorded.')).toBeInTheDocument();
    expect(await bodyOf(fetchMock, `${base}/shipments`)).toEqual({
      carrier: 'DHL',
      tracking_number: 'JD0142',
      tracking_url: 'https://dhl.example/JD0142',
      lines: [{ sku: 'DRL-230', quantity: 2 }],
      version: 4,
    });
    const list = screen.getByRole('list', { name: 'Shipments' });
    expect(list.querySelectorAll('[data-shipment]')).toHaveLength(2);
    expect(within(list).getByText('JD0142')).toBeInTheDocument();
    expect(within(list).getByRole('link', { name: /Track the parcel/ })).toHaveAttribute('href', 'https://dhl.example/JD0142');
  });

  it('puts the server’s 422 on the shipment line', async () => {
    mockFetch({
      [base]: ok(processing),
      [`${base}/shipments`]: problem(422, 'Unprocessable Entity', 'validation failed', {
        errors: [{ field: 'lines[0].quantity', message: 'between 1 and 1 (left to ship)' }],
      }),
    });
    signIn(fulfilmentMe);
    renderRoutes(`/admin/orders/${ref}`);
    const form = await screen.findByRole('form', { name: 'New shipment' }, { timeout: 15_000 });
    await userEvent.type(within(form).getByRole('textbox', { name: /Carrier/ }), 'UPS');
    await userEvent.type(within(form).getByRole('textbox', { name: /Tracking number/ }), '1Z');
    await userEvent.click(within(form).getByRole('button', { name: 'Record shipment' }));
    expect(await within(form).findByText('Quantity between 1 and 1 (left to ship).')).toBeInTheDocument();
  });

  it('tells staff who may not ship who does, and marks a shipment delivered', async () => {
    const shipped = order({ ...processing, status: 'shipped', version: 6, allowed_transitions: ['delivered'] });
    let current = order({ ...processing, allowed_transitions: ['cancelled'] });
    const fetchMock = mockFetch({
      [base]: () => ok(current),
      [`${base}/shipments/1/delivered`]: () => {
        current = order({ ...shipped, shipments: [shipment({ status: 'delivered', delivered_at: '2026-01-08T10:00:00Z' })] });
        return ok(current);
      },
    });
    signIn(supportMe);
    renderRoutes(`/admin/orders/${ref}`);
    const entry = await screen.findByRole('region', { name: 'New shipment' }, { timeout: 15_000 });
    expect(entry).toHaveTextContent('Fulfilment staff enter the shipments of this order.');
    expect(within(entry).queryByRole('form')).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Mark shipment 1 delivered' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Mark shipment 1 delivered' })).not.toBeInTheDocument());
    expect(await bodyOf(fetchMock, `${base}/shipments/1/delivered`)).toEqual({ version: 4 });
    expect(within(screen.getByRole('list', { name: 'Shipments' })).getByText('Delivered')).toBeInTheDocument();
  });

  it('accepts, rejects (with a reason) and receives returns', async () => {
    const delivered = order({
      status: 'delivered',
      version: 7,
      allowed_transitions: ['returned'],
      items: [line('DRL-230', 'Cordless drill', 2, { shipped_quantity: 2 })],
      shipments: [shipment({ status: 'delivered' })],
      returns: [
        { number: 1, status: 'requested', reason: 'Arrived broken', note: '', restocked: false, requested_at: '2026-01-09T10:00:00Z', decided_at: null, received_at: null, lines: [{ sku: 'DRL-230', name: 'Cordless drill', quantity: 1 }] },
        { number: 2, status: 'accepted', reason: 'Wrong size', note: '', restocked: false, requested_at: '2026-01-09T11:00:00Z', decided_at: '2026-01-09T12:00:00Z', received_at: null, lines: [{ sku: 'DRL-230', name: 'Cordless drill', quantity: 1 }] },
      ],
    });
    const fetchMock = mockFetch({
      [base]: ok(delivered),
      [`${base}/returns/1/reject`]: ok(delivered),
      [`${base}/returns/2/receive`]: ok(delivered),
    });
    signIn(adminMe);
    renderRoutes(`/admin/orders/${ref}`);
    const returns = await screen.findByRole('list', { name: 'Returns' }, { timeout: 15_000 });
    const [first, second] = within(returns).getAllByRole('listitem').filter((li) => li.hasAttribute('data-return'));
    expect(within(first!).getByRole('button', { name: 'Accept return 1' })).toBeInTheDocument();
    expect(within(first!).queryByRole('button', { name: 'Receive return 1' })).not.toBeInTheDocument();

    await userEvent.click(within(first!).getByRole('button', { name: 'Reject return 1' }));
    expect(within(first!).getByText('Tell the customer why the return is rejected')).toBeInTheDocument();
    expect(requestsTo(fetchMock, `${base}/returns/1/reject`)).toHaveLength(0);
    await userEvent.type(within(first!).getByRole('textbox', { name: /Note for return 1/ }), 'Damage was caused by misuse');
    await userEvent.click(within(first!).getByRole('button', { name: 'Reject return 1' }));
    await waitFor(() => expect(requestsTo(fetchMock, `${base}/returns/1/reject`)).toHaveLength(1));
    expect(await bodyOf(fetchMock, `${base}/returns/1/reject`)).toEqual({ note: 'Damage was caused by misuse', version: 7 });

    await userEvent.click(within(second!).getByRole('checkbox', { name: /restock/ }));
    await userEvent.click(within(second!).getByRole('button', { name: 'Receive return 2' }));
    await waitFor(() => expect(requestsTo(fetchMock, `${base}/returns/2/receive`)).toHaveLength(1));
    expect(await bodyOf(fetchMock, `${base}/returns/2/receive`)).toEqual({ note: '', restock: false, version: 7 });
    // The order-level "Mark returned" comes with a restock choice too.
    expect(within(screen.getByRole('region', { name: 'Status' })).getByRole('checkbox', { name: /restock/ })).toBeChecked();
  });

  it('shows sales the parcels without “Mark delivered”', async () => {
    mockFetch({ [base]: ok(order({ ...processing, allowed_transitions: ['cancelled'] })) });
    signIn(salesMe);
    renderRoutes(`/admin/orders/${ref}`);
    const list = await screen.findByRole('list', { name: 'Shipments' }, { timeout: 15_000 });
    expect(within(list).getByText('1Z999AA10123456784')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Mark shipment 1 delivered' })).not.toBeInTheDocument();
  });

  it('says when there is no such order', async () => {
    mockFetch({ [base]: problem(404, 'Not Found', 'order not found') });
    signIn(salesMe);
    renderRoutes(`/admin/orders/${ref}`);
    expect(await screen.findByText('No such order', undefined, { timeout: 15_000 })).toBeInTheDocument();
  });

  it('lists the SMS and emails sent about the order, newest first', async () => {
    const fetchMock = mockFetch({
      [base]: ok(order({ status: 'confirmed', allowed_transitions: [] })),
      '/api/v1/admin/messages': {
        status: 200,
        body: {
          items: [
            {
              id: '01a21375-1b54-77d4-999b-de869cb8332a',
              channel: 'sms',
              to: '+14155550123',
              subject: '',
              body: `OMS orders: ${ref} confirmed; ORD-AAAA-0001 placed;`,
              template: 'tracking_summary',
              status: 'sent',
              provider: 'console',
              attempts: 1,
              related_type: 'order',
              related_id: `${ref},ORD-AAAA-0001`,
              created_at: '2026-11-25T16:06:11.540Z',
              updated_at: '2026-11-25T16:06:12.198Z',
            },
            {
              id: '01a21375-1b6d-7936-86a4-07903bb12673',
              channel: 'email',
              to: 'casey@example.com',
              subject: `Order ${ref} is confirmed`,
              body: 'We confirmed your order.',
              template: 'order_status',
              status: 'delivered',
              provider: 'console',
              attempts: 1,
              created_at: '2026-11-25T16:00:00.000Z',
              updated_at: '2026-11-25T16:00:01.000Z',
            },
          ],
          next_cursor: null,
        },
      },
    });
    signIn(supportMe);
    renderRoutes(`/admin/orders/${ref}`);
    const list = await screen.findByRole('list', { name: `Messages about ${ref}` }, { timeout: 15_000 });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('SMS to +14155550123');
    expect(items[0]).toHaveTextContent(`OMS orders: ${ref} confirmed; ORD-AAAA-0001 placed;`);
    expect(items[0]).toHaveTextContent('Sent');
    expect(within(items[0]!).getByRole('link')).toHaveAttribute('href', '/admin/messages?message=01a21375-1b54-77d4-999b-de869cb8332a');
    expect(items[1]).toHaveTextContent(`Email to casey@example.com`);
    expect(items[1]).toHaveTextContent(`Order ${ref} is confirmedWe confirmed your order.`);
    const asked = new URL(requestsTo(fetchMock, '/api/v1/admin/messages')[0]!.url);
    expect(asked.searchParams.get('order')).toBe(ref);
  });
});
