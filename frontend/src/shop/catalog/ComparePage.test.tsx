import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { mockFetch, problem } from '../../test/fetchMock';
import { currentUrl, renderRoutes } from '../../test/renderRoutes';
import { setCompareItems } from './compare';
import { product } from './testData';

beforeAll(async () => {
  await import('./ComparePage');
});

const drill = product({
  specs: [
    { group: 'Electrical', name: 'Voltage', value: '18', unit: 'V' },
    { group: 'Electrical', name: 'Battery', value: '2.0', unit: 'Ah' },
  ],
});
const driver = product({
  slug: 'impact-driver-18v',
  name: 'Impact driver 18V',
  price: { amount: 10999, currency: 'USD' },
  list_price: { amount: 10999, currency: 'USD' },
  specs: [
    { group: 'Electrical', name: 'Voltage', value: '18', unit: 'V' },
    { group: 'Mechanical', name: 'Torque', value: '180', unit: 'Nm' },
  ],
});

function api() {
  return mockFetch({
    '/api/v1/products/cordless-drill-18v': { status: 200, body: drill },
    '/api/v1/products/impact-driver-18v': { status: 200, body: driver },
    '/api/v1/products/gone': problem(404, 'Not Found', 'product not found'),
  });
}

const rowText = (row: HTMLElement) => [...row.querySelectorAll('th, td')].map((c) => c.textContent);

describe('compare page', { timeout: 15_000 }, () => {
  it('puts the products side by side and marks the rows that differ', async () => {
    api();
    renderRoutes('/shop/compare?ids=cordless-drill-18v,impact-driver-18v');
    const table = await screen.findByRole('table', { name: 'Products side by side' }, { timeout: 5000 });
    await within(table).findByRole('link', { name: 'Impact driver 18V' });

    const row = (name: string) => within(table).getByRole('rowheader', { name: new RegExp(`^${name}`) }).closest('tr')!;
    expect(rowText(row('Price'))).toEqual(['PriceDiffers', '$89.99', '$109.99']);
    expect(row('Price')).toHaveAttribute('data-differs', 'true');
    expect(rowText(row('Voltage'))).toEqual(['Voltage', '18 V', '18 V']);
    expect(row('Voltage')).not.toHaveAttribute('data-differs');
    expect(rowText(row('Battery'))).toEqual(['BatteryDiffers', '2.0 Ah', '—']);
    expect(rowText(row('Torque'))).toEqual(['TorqueDiffers', '—', '180 Nm']);
    expect(within(table).getByRole('rowheader', { name: 'Mechanical' })).toBeInTheDocument();

    // The pick is remembered for the compare bar.
    await waitFor(() =>
      expect(JSON.parse(window.localStorage.getItem('oms.compare') ?? '[]')).toEqual([
        { slug: 'cordless-drill-18v', name: 'Cordless drill 18V' },
        { slug: 'impact-driver-18v', name: 'Impact driver 18V' },
      ]),
    );

    await userEvent.click(screen.getByRole('switch', { name: 'Show only differences' }));
    expect(within(table).queryByRole('rowheader', { name: 'Voltage' })).toBeNull();
    expect(within(table).getByRole('rowheader', { name: /^Torque/ })).toBeInTheDocument();
  });

  it('opens the stored pick when the URL has none, and removes a product', async () => {
    api();
    setCompareItems([
      { slug: 'cordless-drill-18v', name: 'Cordless drill 18V' },
      { slug: 'impact-driver-18v', name: 'Impact driver 18V' },
      { slug: 'gone', name: 'Gone' },
    ]);
    const router = renderRoutes('/shop/compare');
    await waitFor(() => expect(currentUrl(router)).toBe('/shop/compare?ids=cordless-drill-18v,impact-driver-18v,gone'), { timeout: 5000 });
    expect(await screen.findByText('“gone” is not available.', {}, { timeout: 5000 })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Remove gone from the comparison' }));
    expect(currentUrl(router)).toBe('/shop/compare?ids=cordless-drill-18v,impact-driver-18v');
    await userEvent.click(await screen.findByRole('button', { name: 'Remove Impact driver 18V from the comparison' }));
    expect(currentUrl(router)).toBe('/shop/compare?ids=cordless-drill-18v');
    expect(screen.getByText('Pick one more product')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Browse the shop' })).toHaveAttribute('href', '/shop');
  });

  it('explains how to start with nothing picked', async () => {
    api();
    renderRoutes('/shop/compare');
    expect(await screen.findByText('Nothing to compare yet', {}, { timeout: 5000 })).toBeInTheDocument();
  });
});
