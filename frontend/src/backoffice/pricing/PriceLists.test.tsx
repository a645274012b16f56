import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PriceListRequest } from '../../api/pricing';
import { mockFetch, problem, requestsTo, type FakeResponse } from '../../test/fetchMock';
import { problemTypes } from '../../api/problems';
import { currentUrl, renderRoutes } from '../../test/renderRoutes';
import { signIn, supportMe } from '../../test/session';
import { drill, listId, priceList, salesMe, trade } from './testData';

configure({ asyncUtilTimeout: 5000 });

const groups: FakeResponse = { status: 200, body: { items: [trade] } };
const products = (): FakeResponse => ({ status: 200, body: { items: [drill], next_cursor: null } });

async function fill(element: HTMLElement, text: string) {
  await userEvent.clear(element);
  await userEvent.click(element);
  await userEvent.paste(text);
}

describe('Price lists', { timeout: 60_000 }, () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-03-15T12:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('is for sales and admin staff', async () => {
    mockFetch({});
    signIn(supportMe);
    renderRoutes('/admin/pricing/price-lists');
    expect(await screen.findByRole('heading', { level: 1, name: 'Not available for your role' })).toBeInTheDocument();
  });

  it('lists price lists with group, currency, validity and size', async () => {
    mockFetch({
      '/api/v1/admin/customer-groups': groups,
      '/api/v1/admin/price-lists': {
        status: 200,
        body: {
          items: [
            priceList(),
            priceList({ id: 'l2', code: 'NORTHWIND', name: 'Northwind', customer_group_id: null, customer_id: 'c1', valid_from: '2027-06-01T00:00:00Z', products: 4 }),
            priceList({ id: 'l3', code: 'OLD', name: 'Old', active: false }),
          ],
        },
      },
    });
    signIn(salesMe);
    renderRoutes('/admin/pricing');
    const table = await screen.findByRole('table', { name: 'Price lists' });
    const row = (code: string) => table.querySelector(`[data-code="${code}"]`) as HTMLElement;
    expect(within(row('TRADE')).getByRole('link', { name: 'Trade' })).toHaveAttribute('href', `/admin/pricing/price-lists/${listId}`);
    expect(await within(row('TRADE')).findByText('Group: Trade customers')).toBeInTheDocument();
    expect(within(row('TRADE')).getByText('Live')).toBeInTheDocument();
    expect(within(row('NORTHWIND')).getByText('Customer contract')).toBeInTheDocument();
    expect(within(row('NORTHWIND')).getByText('Scheduled')).toBeInTheDocument();
    expect(within(row('NORTHWIND')).getByText('4')).toBeInTheDocument();
    expect(within(row('OLD')).getByText('Inactive')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Price lists' })).toHaveAttribute('aria-selected', 'true');
  });

  it('creates a list: tiers checked in the browser, amounts sent in minor units', async () => {
    const fetchMock = mockFetch({
      '/api/v1/admin/customer-groups': groups,
      '/api/v1/products': products,
      '/api/v1/admin/price-lists': { status: 201, body: priceList() },
      [`/api/v1/admin/price-lists/${listId}`]: { status: 200, body: priceList() },
      [`/api/v1/products/${drill.id}`]: { status: 200, body: drill },
    });
    signIn(salesMe);
    const router = renderRoutes('/admin/pricing/price-lists/new');
    await screen.findByRole('heading', { level: 1, name: 'New price list' });
    await fill(screen.getByRole('textbox', { name: /^Name/ }), 'Trade');
    await fill(screen.getByRole('textbox', { name: /^Code/ }), 'trade');
    const group = screen.getByRole('combobox', { name: /^Customer group/ });
    await waitFor(() => expect(group).toBeEnabled());
    await userEvent.click(group);
    await userEvent.click(await screen.findByRole('option', { name: 'Trade customers (trade)', hidden: true }));

    await fill(screen.getByRole('searchbox', { name: /Add a product/ }), 'drill');
    await userEvent.click(await screen.findByRole('button', { name: 'Add Cordless drill' }));
    const tiers = await screen.findByRole('table', { name: 'Tiers of Cordless drill' });
    expect(within(tiers).getByRole('textbox', { name: 'Unit price, tier 1 of Cordless drill' })).toHaveValue('120.00');
    await userEvent.click(screen.getByRole('button', { name: 'Add a tier to Cordless drill' }));
    const qty2 = within(tiers).getByRole('textbox', { name: 'From quantity, tier 2 of Cordless drill' });
    expect(qty2).toHaveValue('10');
    await fill(qty2, '1');
    await fill(within(tiers).getByRole('textbox', { name: 'Unit price, tier 2 of Cordless drill' }), '99.999');
    await userEvent.click(screen.getByRole('button', { name: 'Create price list' }));
    expect(await screen.findByText('1 is already a tier')).toBeInTheDocument();
    expect(screen.getByText('At most 2 decimal places for USD')).toBeInTheDocument();
    expect(requestsTo(fetchMock, '/api/v1/admin/price-lists')).toHaveLength(0);

    await fill(qty2, '10');
    await fill(within(tiers).getByRole('textbox', { name: 'Unit price, tier 2 of Cordless drill' }), '100.10');
    await userEvent.click(screen.getByRole('button', { name: 'Create price list' }));
    await waitFor(() => expect(currentUrl(router)).toBe(`/admin/pricing/price-lists/${listId}`));
    const [post] = requestsTo(fetchMock, '/api/v1/admin/price-lists');
    expect((await post!.json()) as PriceListRequest).toEqual({
      name: 'Trade',
      code: 'TRADE',
      currency: 'USD',
      active: true,
      customer_group_id: trade.id,
      items: [{ product_id: drill.id, tiers: [{ min_qty: 1, amount: 12000 }, { min_qty: 10, amount: 10010 }] }],
    });
    expect(await screen.findByText('Trade was created.')).toBeInTheDocument();
  });

  it('maps 422 errors onto tier inputs and offers a reload on 409, keeping the edits', async () => {
    let puts = 0;
    const fetchMock = mockFetch({
      '/api/v1/admin/customer-groups': groups,
      [`/api/v1/products/${drill.id}`]: { status: 200, body: drill },
      [`/api/v1/admin/price-lists/${listId}`]: (request) => {
        if (request.method === 'GET') return { status: 200, body: priceList({ version: puts >= 2 ? 4 : 3 }) };
        puts++;
        if (puts === 1) {
          return problem(422, 'Unprocessable Entity', 'invalid', { errors: [{ field: 'items[0].tiers[1].amount', message: 'must not be negative' }] });
        }
        if (puts === 2) return problem(409, 'Conflict', 'the price list was changed by someone else since you loaded it; reload and try again', { type: problemTypes.staleVersion });
        return { status: 200, body: priceList({ name: 'Trade 2', version: 5 }) };
      },
    });
    signIn(salesMe);
    renderRoutes(`/admin/pricing/price-lists/${listId}`);
    const tiers = await screen.findByRole('table', { name: 'Tiers of Cordless drill' });
    expect(within(tiers).getByRole('textbox', { name: 'Unit price, tier 2 of Cordless drill' })).toHaveValue('100.00');
    await fill(screen.getByRole('textbox', { name: /^Name/ }), 'Trade 2');

    await userEvent.click(screen.getByRole('button', { name: 'Save price list' }));
    expect(await screen.findByText('Price must not be negative.')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Save price list' }));
    const alert = await screen.findByRole('alert', { name: /Someone else changed this price list/ });
    await userEvent.click(within(alert).getByRole('button', { name: 'Reload, keeping my edits' }));
    await waitFor(() => expect(screen.queryByText(/Someone else changed/)).not.toBeInTheDocument());
    expect(screen.getByRole('textbox', { name: /^Name/ })).toHaveValue('Trade 2');

    await userEvent.click(screen.getByRole('button', { name: 'Save price list' }));
    expect(await screen.findByText('Trade 2 was saved.')).toBeInTheDocument();
    const bodies = await Promise.all(requestsTo(fetchMock, `/api/v1/admin/price-lists/${listId}`).filter((r) => r.method === 'PUT').map((r) => r.json() as Promise<PriceListRequest>));
    expect(bodies.map((b) => b.version)).toEqual([3, 3, 4]);
  });
});
