import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { problemTypes } from '../../api/problems';
import { mockFetch, problem, requestsTo, type FakeResponse } from '../../test/fetchMock';
import { currentUrl, renderRoutes } from '../../test/renderRoutes';
import { signIn } from '../../test/session';
import { fulfilmentMe, order, salesMe } from './testData';

const placed = order({ reference: 'ORD-NEW1-0001', channel: 'phone', priority: 'express' });
const endpoint = '/api/v1/admin/orders';

async function fillBasics() {
  const form = await screen.findByRole('form', { name: 'New order' }, { timeout: 15_000 });
  await userEvent.type(within(form).getByRole('textbox', { name: /^Customer/ }), 'C000001');
  await userEvent.click(within(form).getByRole('radio', { name: 'Phone' }));
  await userEvent.type(within(form).getByRole('textbox', { name: /SKU, line 1/ }), ' drl-230 ');
  const qty = within(form).getByRole('textbox', { name: /Quantity, line 1/ });
  await userEvent.clear(qty);
  await userEvent.type(qty, '2');
  return form;
}

describe('Staff order entry', { timeout: 30_000 }, () => {
  it('checks the form in the browser first', async () => {
    const fetchMock = mockFetch({});
    signIn(salesMe);
    renderRoutes('/admin/orders/new');
    const form = await screen.findByRole('form', { name: 'New order' }, { timeout: 15_000 });
    await userEvent.clear(within(form).getByRole('textbox', { name: /Quantity, line 1/ }));
    await userEvent.click(within(form).getByRole('button', { name: 'Add a line' }));
    await userEvent.type(within(form).getByRole('textbox', { name: /SKU, line 2/ }), 'x');
    await userEvent.click(within(form).getByRole('button', { name: 'Place order' }));

    expect(await within(form).findByText('Enter the customer’s Login ID or email')).toBeInTheDocument();
    expect(within(form).getByText('Choose how the order came in')).toBeInTheDocument();
    expect(within(form).getByText('Enter a SKU')).toBeInTheDocument();
    expect(within(form).getByText('A whole number from 1 to 1,000,000')).toBeInTheDocument();
    expect(within(form).getByText(/Not a SKU/)).toBeInTheDocument();

    await userEvent.type(within(form).getByRole('textbox', { name: /SKU, line 1/ }), 'DRL-230');
    const second = within(form).getByRole('textbox', { name: /SKU, line 2/ });
    await userEvent.clear(second);
    await userEvent.type(second, 'drl-230');
    await userEvent.click(within(form).getByRole('checkbox', { name: /Ship to another address/ }));
    await userEvent.type(within(form).getByRole('textbox', { name: /^Country/ }), 'U');
    await userEvent.click(within(form).getByRole('button', { name: 'Place order' }));
    expect(await within(form).findByText('Already on line 1: put the total quantity there')).toBeInTheDocument();
    expect(within(form).getByText('Enter the street and number')).toBeInTheDocument();
    expect(within(form).getByText('A two-letter country code like US')).toBeInTheDocument();

    await userEvent.click(within(form).getByRole('button', { name: 'Remove line 2' }));
    expect(within(form).queryByRole('textbox', { name: /SKU, line 2/ })).not.toBeInTheDocument();
    expect(within(form).getByRole('button', { name: 'Remove line 1' })).toBeDisabled();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('places the order with an Idempotency-Key and opens it', async () => {
    const fetchMock = mockFetch({
      [endpoint]: { status: 201, body: placed },
      [`${endpoint}/${placed.reference}`]: { status: 200, body: placed },
    });
    signIn(salesMe);
    const router = renderRoutes('/admin/orders/new');
    const form = await fillBasics();
    await userEvent.click(within(form).getByRole('button', { name: 'Add a line' }));
    await userEvent.type(within(form).getByRole('textbox', { name: /SKU, line 2/ }), 'bit-10');
    await userEvent.click(within(form).getByRole('radio', { name: 'Express' }));
    await userEvent.type(within(form).getByRole('textbox', { name: /PO number/ }), 'PO-4471');
    await userEvent.type(within(form).getByRole('textbox', { name: /^Notes/ }), 'Call before delivery');
    await userEvent.click(within(form).getByRole('button', { name: 'Place order' }));

    await waitFor(() => expect(currentUrl(router)).toBe(`/admin/orders/${placed.reference}`));
    expect(await screen.findByText('Order placed')).toBeInTheDocument();
    const [sent] = requestsTo(fetchMock, endpoint).filter((r) => r.method === 'POST');
    expect(sent!.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await sent!.clone().json()).toEqual({
      customer: 'C000001',
      channel: 'phone',
      items: [
        { sku: 'DRL-230', quantity: 2 },
        { sku: 'BIT-10', quantity: 1 },
      ],
      priority: 'express',
      purchase_order_number: 'PO-4471',
      notes: 'Call before delivery',
    });
  });

  it('retries with the same key, and places a possible duplicate only when asked, with a new key', async () => {
    const answers: (FakeResponse | 'network')[] = [
      'network',
      problem(409, 'Conflict', 'possible duplicate of ORD-OLD1-0009, placed a moment ago with the same items and total; send confirm_duplicate: true to place it anyway', {
        type: problemTypes.possibleDuplicate,
        subject: 'ORD-OLD1-0009',
      }),
      { status: 201, body: placed },
    ];
    const fetchMock = mockFetch({
      [endpoint]: () => {
        const next = answers.shift()!;
        if (next === 'network') throw new TypeError('Failed to fetch');
        return next;
      },
      [`${endpoint}/${placed.reference}`]: { status: 200, body: placed },
    });
    signIn(salesMe);
    const router = renderRoutes('/admin/orders/new');
    const form = await fillBasics();
    await userEvent.click(within(form).getByRole('button', { name: 'Place order' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We could not confirm the order');
    expect(alert).toHaveTextContent('trying again is safe');
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));

    const duplicate = await screen.findByText('This looks like a repeat order');
    expect(screen.getByRole('link', { name: 'ORD-OLD1-0009' })).toHaveAttribute('href', '/admin/orders/ORD-OLD1-0009');
    const sent = requestsTo(fetchMock, endpoint);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.headers.get('Idempotency-Key')).toBe(sent[0]!.headers.get('Idempotency-Key'));
    expect(duplicate).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Place it anyway' }));
    await waitFor(() => expect(currentUrl(router)).toBe(`/admin/orders/${placed.reference}`));
    const third = requestsTo(fetchMock, endpoint)[2]!;
    expect(third.headers.get('Idempotency-Key')).not.toBe(sent[0]!.headers.get('Idempotency-Key'));
    expect(await third.clone().json()).toMatchObject({ confirm_duplicate: true, items: [{ sku: 'DRL-230', quantity: 2 }] });
  });

  it('shows the server’s field errors on the lines and a new key goes with the corrected order', async () => {
    let calls = 0;
    const fetchMock = mockFetch({
      [endpoint]: () => {
        calls += 1;
        return calls === 1
          ? problem(422, 'Unprocessable Entity', 'the order has invalid items', {
              errors: [
                { field: 'items[0].sku', message: 'unknown product' },
                { field: 'customer', message: 'no customer has this Login ID or email' },
              ],
            })
          : problem(409, 'Conflict', 'out of stock: DRL-230 (Cordless drill) has fewer than 2 available', { type: problemTypes.outOfStock, subject: 'DRL-230' });
      },
    });
    signIn(salesMe);
    renderRoutes('/admin/orders/new');
    const form = await fillBasics();
    await userEvent.click(within(form).getByRole('button', { name: 'Place order' }));
    expect(await within(form).findByText('SKU unknown product.')).toBeInTheDocument();
    expect(within(form).getByText('Customer no customer has this Login ID or email.')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Check the highlighted fields');

    await userEvent.type(within(form).getByRole('textbox', { name: /^Customer/ }), '9');
    await userEvent.click(within(form).getByRole('button', { name: 'Place order' }));
    expect(await screen.findByText('Not enough stock')).toBeInTheDocument();
    const [first, second] = requestsTo(fetchMock, endpoint);
    expect(second!.headers.get('Idempotency-Key')).not.toBe(first!.headers.get('Idempotency-Key'));
  });

  it('is not for fulfilment staff', async () => {
    mockFetch({});
    signIn(fulfilmentMe);
    renderRoutes('/admin/orders/new');
    expect(await screen.findByRole('heading', { level: 1, name: 'Not available for your role' }, { timeout: 15_000 })).toBeInTheDocument();
  });
});
