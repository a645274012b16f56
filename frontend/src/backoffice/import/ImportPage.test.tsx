import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, problem, requestsTo } from '../../test/fetchMock';
import { renderRoutes } from '../../test/renderRoutes';
import { signIn, supportMe } from '../../test/session';
import { salesMe } from '../catalogs/testData';

// Lazy pages and debounced searches: give a busy machine time before failing.
configure({ asyncUtilTimeout: 5000 });

const slow = { timeout: 5000 };
const csv = 'sku,name,status,audience,price,currency\nHAM-1,Hammer,active,both,12.99,USD\n';
const file = (name = 'products.csv', body = csv, type = 'text/csv') => new File([body], name, { type });

async function open() {
  signIn(salesMe);
  renderRoutes('/admin/products/import');
  return screen.findByRole('heading', { level: 1, name: 'Import / export products' }, slow);
}

describe('Products import / export', { timeout: 30_000 }, () => {
  const created: string[] = [];
  beforeEach(() => {
    Object.defineProperty(URL, 'createObjectURL', { configurable: true, value: vi.fn(() => 'blob:products') });
    Object.defineProperty(URL, 'revokeObjectURL', { configurable: true, value: vi.fn() });
  });
  afterEach(() => {
    created.length = 0;
  });

  it('is for sales and admin staff', async () => {
    mockFetch({});
    signIn(supportMe);
    renderRoutes('/admin/products/import');
    expect(await screen.findByRole('heading', { level: 1, name: 'Not available for your role' }, slow)).toBeInTheDocument();
  });

  it('downloads the export as products.csv with the session’s token', async () => {
    const fetchMock = mockFetch({ '/api/v1/admin/products/export': { status: 200, body: 'sku,name', contentType: 'text/csv' } });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      created.push(`${this.download} ${this.href}`);
    });
    await open();
    // The optional columns include the weight and the packed size.
    for (const column of ['weight_grams', 'length_mm', 'width_mm', 'height_mm']) {
      expect(screen.getByText(column, { selector: 'code' })).toBeInTheDocument();
    }
    await userEvent.click(screen.getByRole('button', { name: 'Download products.csv' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(created).toEqual(['products.csv blob:products']);
    expect(requestsTo(fetchMock, '/api/v1/admin/products/export')[0]?.headers.get('Authorization')).toBe('Bearer test-token');
  });

  it('refuses a file that is not CSV before sending it', async () => {
    const fetchMock = mockFetch({});
    await open();
    await userEvent.upload(screen.getByLabelText('Choose a CSV file'), file('prices.xlsx', 'x', 'application/vnd.ms-powerpoint'), {
      applyAccept: false,
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('prices.xlsx is not a CSV file');
    expect(screen.getByRole('button', { name: 'Check file' })).toBeDisabled();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('checks a file with bad rows: a table by row, and nothing imported', async () => {
    const fetchMock = mockFetch({
      '/api/v1/admin/products/import': problem(422, 'Unprocessable Entity', '3 problems in the file; nothing was imported', {
        errors: [
          { field: 'rows[12].price', message: 'must be a decimal like 12.99' },
          { field: 'rows[3].sku', message: 'is the same as row 2’s' },
          { field: 'rows[12].audience', message: 'must be b2c, b2b or both' },
        ],
      }),
    });
    await open();
    await userEvent.upload(screen.getByLabelText('Choose a CSV file'), file());
    expect(screen.getByTestId('chosen-file')).toHaveTextContent('products.csv');
    await userEvent.click(screen.getByRole('button', { name: 'Check file' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('3 problems in the file: nothing was imported');
    const rows = within(screen.getByRole('table', { name: 'Problems in the file' })).getAllByRole('row').slice(1);
    expect(rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent))).toEqual([
      ['3', 'sku', 'Is the same as row 2’s.'],
      ['12', 'price', 'Must be a decimal like 12.99.'],
      ['12', 'audience', 'Must be b2c, b2b or both.'],
    ]);
    const [sent] = requestsTo(fetchMock, '/api/v1/admin/products/import');
    expect(new URL(sent!.url).searchParams.get('dry_run')).toBe('true');
    expect(sent!.headers.get('Content-Type')).toBe('text/csv');
    expect(await sent!.text()).toBe(csv);
  });

  it('checks, then imports a good file', async () => {
    const fetchMock = mockFetch({
      '/api/v1/admin/products/import': (request) => {
        const dryRun = new URL(request.url).searchParams.get('dry_run') === 'true';
        return { status: 200, body: { rows: 1, created: 1, updated: 0, dry_run: dryRun } };
      },
    });
    await open();
    await userEvent.upload(screen.getByLabelText('Choose a CSV file'), file());
    await userEvent.click(screen.getByRole('button', { name: 'Check file' }));
    expect(await screen.findByText('The file is ready to import')).toBeInTheDocument();
    expect(screen.getByText(/1 row checked: 1 new product, 0 updates\. Nothing was changed yet/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText('Products imported')).toBeInTheDocument();
    expect(screen.getByText('1 row imported: 1 new product, 0 updates.')).toBeInTheDocument();
    const sent = requestsTo(fetchMock, '/api/v1/admin/products/import');
    expect(sent.map((r) => new URL(r.url).search)).toEqual(['?dry_run=true', '']);
  });

  it('says what to do when the server cannot be reached', async () => {
    mockFetch({});
    await open();
    await userEvent.upload(screen.getByLabelText('Choose a CSV file'), file());
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText('Nothing was imported')).toBeInTheDocument();
    expect(screen.getByText(/could not be reached/)).toBeInTheDocument();
  });
});
