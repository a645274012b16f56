import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockFetch, problem, requestsTo } from '../../test/fetchMock';
import { problemTypes } from '../../api/problems';
import { currentUrl, renderRoutes } from '../../test/renderRoutes';
import { adminMe, signIn, supportMe } from '../../test/session';
import { categories, fulfilmentMe, product, productId, salesMe } from './testData';

const productPath = `/api/v1/products/${productId}`;
const updatePath = `/api/v1/admin/products/${productId}`;
const categoriesResponse = { status: 200, body: { items: categories } };
/** What every product page loads besides the product. */
const base = {
  '/api/v1/categories': categoriesResponse,
  [`/api/v1/admin/products/${productId}/media`]: { status: 200, body: { items: [] } },
};

async function type(element: HTMLElement, text: string) {
  await userEvent.clear(element);
  if (text) {
    await userEvent.click(element);
    await userEvent.paste(text);
  }
}

// A big form in jsdom: renders take a while on a busy machine.
const slow = { timeout: 60_000 };
/** The first render of a page (its code is loaded then). */
const firstLoad = { timeout: 15_000 };

const field = (name: RegExp | string) => screen.getByRole('textbox', { name });
const nameLabel = /^Name(?!,)/;

describe('New product', slow, () => {
  it('checks the fields first, then sends the price in minor units and opens the new product', async () => {
    const created = product({ id: 'new-id', name: 'Hammer', sku: 'HAM-1', status: 'draft' });
    const fetchMock = mockFetch({
      ...base,
      '/api/v1/admin/products': { status: 201, body: created },
      '/api/v1/products/new-id': { status: 200, body: created },
    });
    signIn(salesMe);
    const router = renderRoutes('/admin/products/new');
    await screen.findByRole('heading', { level: 1, name: 'New product' }, firstLoad);
    await userEvent.click(screen.getByRole('button', { name: 'Create product' }));

    expect(await screen.findByText('Enter the SKU')).toBeInTheDocument();
    expect(screen.getByText('Enter the product name')).toBeInTheDocument();
    expect(screen.getByText('Enter a price')).toBeInTheDocument();
    expect(field(/^SKU/)).toHaveFocus();
    expect(requestsTo(fetchMock, '/api/v1/admin/products')).toHaveLength(0);

    await type(field(/^SKU/), 'ham-1');
    expect(field(/^SKU/)).toHaveValue('HAM-1');
    await type(field(nameLabel), 'Hammer');
    expect(field(/^Slug/)).toHaveAttribute('placeholder', 'hammer');
    await type(field(/^Price/), '0.29');
    expect(screen.getByText(/Shown as \$0\.29 before tax/)).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Category' }), categories[0]!.id);
    await userEvent.click(screen.getByRole('button', { name: 'Create product' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Hammer' }, firstLoad)).toBeInTheDocument();
    expect(currentUrl(router)).toBe('/admin/products/new-id');
    expect(screen.getByText(/Hammer was created\./)).toBeInTheDocument();
    const body = (await requestsTo(fetchMock, '/api/v1/admin/products')[0]?.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      sku: 'HAM-1',
      name: 'Hammer',
      slug: '',
      price: { amount: 29, currency: 'USD' },
      category_id: categories[0]!.id,
      status: 'draft',
      audience: 'both',
      stock_on_hand: 0,
      specs: [],
    });
  });

  it('puts the server’s 422 and “SKU taken” at the fields', async () => {
    let calls = 0;
    mockFetch({
      ...base,
      '/api/v1/admin/products': () => {
        calls += 1;
        return calls === 1
          ? problem(422, 'Unprocessable Entity', 'the product has invalid fields', {
              errors: [
                { field: 'price.currency', message: 'must be a three-letter ISO code like USD' },
                { field: 'slug', message: 'must be lower-case words joined by \'-\'' },
              ],
            })
          : problem(409, 'Conflict', 'a product with this SKU already exists', { type: problemTypes.alreadyExists, subject: 'sku' });
      },
    });
    signIn(adminMe);
    renderRoutes('/admin/products/new');
    await type(await screen.findByRole('textbox', { name: /^SKU/ }, firstLoad), 'HAM-1');
    await type(field(nameLabel), 'Hammer');
    await type(field(/^Price/), '10');
    await userEvent.click(screen.getByRole('button', { name: 'Create product' }));
    await waitFor(() => expect(field(/^Slug/)).toHaveAccessibleDescription(/Slug must be lower-case words joined by '-'\./));
    expect(field(/^Slug/)).toHaveFocus();
    expect(field(/^Currency/)).toHaveAccessibleDescription(/Currency must be a three-letter ISO code like USD\./);

    await userEvent.click(screen.getByRole('button', { name: 'Create product' }));
    await waitFor(() => expect(field(/^SKU/)).toHaveAccessibleDescription(/A product with this SKU already exists\./));
  });

  it('is for sales and admins', async () => {
    mockFetch({});
    signIn(supportMe);
    renderRoutes('/admin/products/new');
    expect(await screen.findByRole('heading', { level: 1, name: 'Not available for your role' })).toBeInTheDocument();
  });
});

describe('Product editor', slow, () => {
  it('loads the product, saves with the version read, and says so', async () => {
    const fetchMock = mockFetch({
      ...base,
      [productPath]: { status: 200, body: product() },
      [updatePath]: { status: 200, body: product({ name: 'Cordless drill Pro', version: 4 }) },
    });
    signIn(salesMe);
    renderRoutes(`/admin/products/${productId}`);
    const name = await screen.findByRole('textbox', { name: nameLabel }, firstLoad);
    expect(name).toHaveValue('Cordless drill');
    expect(field(/^Price/)).toHaveValue('129.90');
    expect(screen.getByRole('combobox', { name: 'Category' })).toHaveValue(categories[0]!.id);
    const packed = screen.getByRole('group', { name: 'Packed size' });
    expect(within(packed).getByRole('textbox', { name: 'Length (mm)' })).toHaveValue('400');
    expect(within(packed).getByRole('textbox', { name: 'Width (mm)' })).toHaveValue('300');
    expect(within(packed).getByRole('textbox', { name: 'Height (mm)' })).toHaveValue('120');
    expect(screen.getByText('All changes saved')).toBeInTheDocument();

    await type(name, 'Cordless drill Pro');
    await type(field('Height (mm)'), '');
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Save product' }));
    expect(await screen.findByText('Cordless drill Pro was saved.')).toBeInTheDocument();
    const [put] = requestsTo(fetchMock, updatePath);
    expect(put?.method).toBe('PUT');
    const body = (await put?.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      name: 'Cordless drill Pro',
      version: 3,
      price: { amount: 12990, currency: 'USD' },
      weight_grams: 1800,
      length_mm: 400,
      width_mm: 300,
    });
    expect(body).not.toHaveProperty('height_mm'); // emptied: no longer recorded
    expect(body).not.toHaveProperty('stock_on_hand');
    expect(screen.getByRole('heading', { level: 1, name: 'Cordless drill Pro' })).toBeInTheDocument();
  });

  it('checks the packed size, then puts the server’s 422 on it at its input', async () => {
    const fetchMock = mockFetch({
      ...base,
      [productPath]: { status: 200, body: product() },
      [updatePath]: problem(422, 'Unprocessable Entity', 'the product has invalid fields', {
        errors: [{ field: 'length_mm', message: 'must be at least 0' }],
      }),
    });
    signIn(salesMe);
    renderRoutes(`/admin/products/${productId}`);
    const width = await screen.findByRole('textbox', { name: 'Width (mm)' }, firstLoad);
    // Past the largest safe integer: not a whole number the server could take.
    await type(width, '99999999999999999');
    await userEvent.click(screen.getByRole('button', { name: 'Save product' }));
    await waitFor(() => expect(width).toHaveAccessibleDescription('Enter a whole number of millimetres, or leave it empty'));
    expect(width).toHaveFocus();
    expect(requestsTo(fetchMock, updatePath)).toHaveLength(0);

    await type(width, '310');
    await userEvent.click(screen.getByRole('button', { name: 'Save product' }));
    const length = field('Length (mm)');
    await waitFor(() => expect(length).toHaveAccessibleDescription('Length (mm) must be at least 0.'));
    expect(length).toHaveFocus();
    expect(width).not.toHaveAccessibleDescription();
    expect(await requestsTo(fetchMock, updatePath)[0]?.json()).toMatchObject({ length_mm: 400, width_mm: 310, height_mm: 120 });
    expect(screen.queryByRole('alert')).toBeNull(); // a field error, not a general one
  });

  it('keeps the edits on a 409 and reloads the product on request', async () => {
    let reads = 0;
    const fetchMock = mockFetch({
      ...base,
      [productPath]: () => {
        reads += 1;
        return { status: 200, body: reads === 1 ? product() : product({ name: 'Renamed by Robin', version: 5 }) };
      },
      [updatePath]: problem(409, 'Conflict', 'the product was changed by someone else since you loaded it; reload and try again', { type: problemTypes.staleVersion }),
    });
    signIn(salesMe);
    renderRoutes(`/admin/products/${productId}`);
    await type(await screen.findByRole('textbox', { name: nameLabel }, firstLoad), 'My new name');
    await userEvent.click(screen.getByRole('button', { name: 'Save product' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Someone else changed this product');
    expect(field(nameLabel)).toHaveValue('My new name');

    await userEvent.click(within(alert).getByRole('button', { name: 'Reload the product' }));
    await waitFor(() => expect(field(nameLabel)).toHaveValue('Renamed by Robin'));
    expect(screen.queryByText('Someone else changed this product')).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Save product' }));
    await waitFor(() => expect(requestsTo(fetchMock, updatePath)).toHaveLength(2));
    expect(await requestsTo(fetchMock, updatePath)[1]?.json()).toMatchObject({ name: 'Renamed by Robin', version: 5 });
  });

  it('edits specification rows: add, move with the keyboard, remove', async () => {
    const fetchMock = mockFetch({
      ...base,
      [productPath]: { status: 200, body: product() },
      [updatePath]: { status: 200, body: product({ version: 4 }) },
    });
    signIn(adminMe);
    renderRoutes(`/admin/products/${productId}`);
    const specs = await screen.findByRole('list', { name: 'Specifications' }, firstLoad);
    const names = () => within(specs).getAllByRole('textbox', { name: /^Name, row/ }).map((i) => (i as HTMLInputElement).value);
    expect(names()).toEqual(['Voltage', 'Battery', 'Weight']);
    expect(within(specs).getByRole('button', { name: 'Move row 1 up' })).toBeDisabled();

    // Move "Weight" to the top with the keyboard: the focus follows the row.
    within(specs).getByRole('button', { name: 'Move row 3 up' }).focus();
    await userEvent.keyboard('{Enter}');
    expect(names()).toEqual(['Voltage', 'Weight', 'Battery']);
    expect(within(specs).getByRole('button', { name: 'Move row 2 up' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(names()).toEqual(['Weight', 'Voltage', 'Battery']);
    // At the top "up" is disabled, so the focus moves to the same row's "down".
    expect(within(specs).getByRole('button', { name: 'Move row 1 down' })).toHaveFocus();
    expect(screen.getByText('Weight moved to position 1 of 3.')).toBeInTheDocument();

    await userEvent.click(within(specs).getByRole('button', { name: 'Remove row 2' }));
    expect(names()).toEqual(['Weight', 'Battery']);

    await userEvent.click(screen.getByRole('button', { name: 'Add row' }));
    const group = within(specs).getByRole('combobox', { name: 'Group, row 3' });
    await waitFor(() => expect(group).toHaveFocus());
    expect(group).toHaveValue('Electrical'); // the group of the row above, to save typing
    await type(within(specs).getByRole('textbox', { name: 'Name, row 3' }), 'Torque');
    await userEvent.click(screen.getByRole('button', { name: 'Save product' }));
    expect(await screen.findByText('Enter a value')).toBeInTheDocument();
    expect(within(specs).getByRole('textbox', { name: 'Value, row 3' })).toHaveFocus();
    expect(requestsTo(fetchMock, updatePath)).toHaveLength(0);

    await type(within(specs).getByRole('textbox', { name: 'Value, row 3' }), '50');
    await type(within(specs).getByRole('textbox', { name: 'Unit, row 3' }), 'Nm');
    await userEvent.click(screen.getByRole('button', { name: 'Save product' }));
    await waitFor(() => expect(requestsTo(fetchMock, updatePath)).toHaveLength(1));
    expect(((await requestsTo(fetchMock, updatePath)[0]?.json()) as { specs: unknown }).specs).toEqual([
      { group: 'Size', name: 'Weight', value: '1.8', unit: 'kg' },
      { group: 'Electrical', name: 'Battery', value: '4', unit: 'Ah' },
      { group: 'Electrical', name: 'Torque', value: '50', unit: 'Nm' },
    ]);
  });

  it('previews the description with the shop’s safe Markdown renderer', async () => {
    mockFetch({ ...base, [productPath]: { status: 200, body: product({ description: '<img src=x onerror=alert(1)> **bold**' }) } });
    signIn(adminMe);
    renderRoutes(`/admin/products/${productId}`);
    await userEvent.click(await screen.findByRole('tab', { name: 'Preview' }, firstLoad));
    const preview = screen.getByTestId('description-preview');
    expect(preview.querySelector('strong')).toHaveTextContent('bold');
    expect(preview.querySelector('img')).toBeNull();
    expect(preview.innerHTML).not.toContain('onerror');
  });

  it('asks before leaving with unsaved changes', async () => {
    mockFetch({ ...base, [productPath]: { status: 200, body: product() }, '/api/v1/products': { status: 200, body: { items: [], next_cursor: null } } });
    signIn(adminMe);
    const router = renderRoutes(`/admin/products/${productId}`);
    await type(await screen.findByRole('textbox', { name: nameLabel }, firstLoad), 'Changed');
    await userEvent.click(screen.getAllByRole('link', { name: 'Products' })[0]!);
    const dialog = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Stay' }));
    expect(currentUrl(router)).toBe(`/admin/products/${productId}`);
    expect(field(nameLabel)).toHaveValue('Changed');
    await userEvent.click(screen.getAllByRole('link', { name: 'Products' })[0]!);
    await userEvent.click(await screen.findByRole('button', { name: 'Leave without saving' }));
    await waitFor(() => expect(currentUrl(router)).toBe('/admin/products'));
  });
});

describe('Stock', slow, () => {
  it('fulfilment sees the product read-only and adjusts stock with a reason', async () => {
    const fetchMock = mockFetch({
      ...base,
      [productPath]: { status: 200, body: product() },
      [`${updatePath}/stock`]: (request) =>
        request.method === 'POST'
          ? { status: 200, body: product({ stock: { available: 5, on_hand: 7, reserved: 2 } }) }
          : { status: 405, body: {} },
    });
    signIn(fulfilmentMe);
    renderRoutes(`/admin/products/${productId}`);
    expect(await screen.findByRole('textbox', { name: nameLabel }, firstLoad)).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save product' })).not.toBeInTheDocument();
    const stock = screen.getByRole('region', { name: 'Stock' });
    expect(stock).toHaveTextContent(/On hand\s*10/);
    expect(stock).toHaveTextContent(/Reserved\s*2/);
    expect(stock).toHaveTextContent(/Available\s*8/);

    await userEvent.click(within(stock).getByRole('button', { name: 'Adjust stock' }));
    const dialog = await screen.findByRole('dialog', { name: 'Adjust stock' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Adjust stock' }));
    expect(await within(dialog).findByText('Say why the stock changes')).toBeInTheDocument();
    expect(within(dialog).getByText(/Enter a whole number other than 0/)).toBeInTheDocument();

    await type(within(dialog).getByRole('textbox', { name: /^Change/ }), '-9');
    await type(within(dialog).getByRole('textbox', { name: /^Reason/ }), 'Damaged');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Adjust stock' }));
    expect(await within(dialog).findByText('Stock on hand cannot go below what is reserved')).toBeInTheDocument();

    await type(within(dialog).getByRole('textbox', { name: /^Change/ }), '-3');
    expect(within(dialog).getByText(/On hand after:/)).toHaveTextContent('On hand after: 7');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Adjust stock' }));
    expect(await screen.findByText('Stock reduced by 3: 7 on hand now.')).toBeInTheDocument();
    expect(await requestsTo(fetchMock, `${updatePath}/stock`)[0]?.json()).toEqual({ delta: -3, reason: 'Damaged' });
    expect(stock).toHaveTextContent(/Available\s*5/);
  });

  it('sales cannot adjust stock', async () => {
    mockFetch({ ...base, [productPath]: { status: 200, body: product() } });
    signIn(salesMe);
    renderRoutes(`/admin/products/${productId}`);
    const stock = await screen.findByRole('region', { name: 'Stock' }, firstLoad);
    expect(within(stock).queryByRole('button', { name: 'Adjust stock' })).not.toBeInTheDocument();
  });
});
