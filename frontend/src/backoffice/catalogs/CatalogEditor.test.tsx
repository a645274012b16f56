import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CatalogRequest } from '../../api/adminCatalogs';
import { mockFetch, problem, requestsTo, type FakeResponse } from '../../test/fetchMock';
import { problemTypes } from '../../api/problems';
import { currentUrl, renderRoutes } from '../../test/renderRoutes';
import { signIn } from '../../test/session';
import { bits, catalogId, detail, drill, page, salesMe, saw, trade } from './testData';

// Lazy pages and debounced searches: give a busy machine time before failing.
configure({ asyncUtilTimeout: 5000 });

const groups: FakeResponse = { status: 200, body: { items: [trade] } };

/** GET /api/v1/products: the picker's search (q) and the catalog's own products (catalog=…). */
function products(request: Request): FakeResponse {
  const url = new URL(request.url);
  if (url.searchParams.get('catalog')) return page([saw, drill]);
  const q = url.searchParams.get('q') ?? '';
  expect(url.searchParams.getAll('status')).toEqual(['active', 'draft']);
  return page([drill, saw, bits].filter((p) => p.name.toLowerCase().includes(q.toLowerCase())));
}

function itemNames(): string[] {
  const list = screen.getByRole('list', { name: 'Products in this catalog' });
  return within(list)
    .getAllByRole('listitem')
    .map((li) => li.querySelector('p')?.nextElementSibling?.textContent ?? li.textContent ?? '');
}

function itemOrder(): string[] {
  const list = screen.getByRole('list', { name: 'Products in this catalog' });
  return within(list)
    .getAllByRole('listitem')
    .map((li) => li.getAttribute('data-item') ?? '');
}

/** Types by pasting: one change event, not one per key (the form is large). */
async function fill(element: HTMLElement, text: string) {
  await userEvent.clear(element);
  await userEvent.click(element);
  await userEvent.paste(text);
}

async function search(text: string) {
  await fill(screen.getByRole('searchbox', { name: /Find products to add/ }), text);
}

describe('Catalog editor', { timeout: 60_000 }, () => {
  it('creates a catalog: slug from the name, products found and added, reordered, one with its own price', async () => {
    const fetchMock = mockFetch({
      '/api/v1/admin/customer-groups': groups,
      '/api/v1/products': products,
      '/api/v1/admin/catalogs': (request) => {
        expect(request.method).toBe('POST');
        return { status: 201, body: detail({ items: [] }) };
      },
      [`/api/v1/admin/catalogs/${catalogId}`]: { status: 200, body: detail() },
    });
    signIn(salesMe);
    const router = renderRoutes('/admin/catalogs/new');
    await screen.findByRole('heading', { level: 1, name: 'New catalog' }, { timeout: 5000 });

    // Nothing is sent while the name is missing.
    await userEvent.click(screen.getByRole('button', { name: 'Create catalog' }));
    expect(await screen.findByText(/Enter a name/)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /^Name/ })).toHaveFocus();

    await fill(screen.getByRole('textbox', { name: /^Name/ }), 'Spring trade');
    expect(screen.getByRole('textbox', { name: /^Slug/ })).toHaveValue('spring-trade');

    await search('dr');
    const results = await screen.findByRole('list', { name: 'Search results' }, { timeout: 5000 });
    expect(within(results).getByText('Draft')).toBeInTheDocument(); // the bit set
    await userEvent.click(within(results).getByRole('button', { name: 'Add Cordless drill' }));
    expect(within(results).getByRole('button', { name: 'Cordless drill is in the catalog' })).toBeDisabled();
    await search('saw');
    await userEvent.click(await screen.findByRole('button', { name: 'Add Circular saw' }, { timeout: 5000 }));
    // A consumer-only product in a business catalog: said next to it.
    expect(
      within(screen.getByRole('list', { name: 'Products in this catalog' })).getByText(/Consumers only: business customers of this catalog will not see it/),
    ).toBeInTheDocument();
    expect(itemOrder()).toEqual([drill.id, saw.id]);

    // Keyboard reorder: the moved item keeps focus on its button.
    const up = screen.getByRole('button', { name: 'Move Circular saw up' });
    up.focus();
    await userEvent.keyboard('{Enter}');
    expect(itemOrder()).toEqual([saw.id, drill.id]);
    expect(screen.getByRole('button', { name: 'Move Circular saw down' })).toHaveFocus();
    expect(screen.getByText('Circular saw moved to position 1 of 2.')).toBeInTheDocument();

    await fill(screen.getByRole('textbox', { name: 'Catalog price for Cordless drill' }), '0.29');
    await userEvent.click(screen.getByRole('button', { name: 'Create catalog' }));

    await waitFor(() => expect(currentUrl(router)).toBe(`/admin/catalogs/${catalogId}`));
    const [post] = requestsTo(fetchMock, '/api/v1/admin/catalogs');
    const body = (await post!.json()) as CatalogRequest;
    expect(body).toEqual({
      name: 'Spring trade',
      slug: 'spring-trade',
      description: '',
      audience: 'b2b',
      active: true,
      groups: [],
      items: [{ product_id: saw.id }, { product_id: drill.id, price_amount: 29 }],
    });
    expect(await screen.findByText('Spring trade was created.', {}, { timeout: 5000 })).toBeInTheDocument();
  });

  it('refuses a bad catalog price before sending, and shows the server’s field errors', async () => {
    const fetchMock = mockFetch({
      '/api/v1/admin/customer-groups': groups,
      '/api/v1/products': products,
      [`/api/v1/admin/catalogs/${catalogId}`]: (request) =>
        request.method === 'PUT'
          ? problem(422, 'Unprocessable Entity', 'the catalog has invalid fields', {
              errors: [{ field: 'valid_to', message: 'must be after valid_from' }],
            })
          : { status: 200, body: detail() },
    });
    signIn(salesMe);
    renderRoutes(`/admin/catalogs/${catalogId}`);
    const price = await screen.findByRole('textbox', { name: 'Catalog price for Cordless drill' }, { timeout: 5000 });
    expect(price).toHaveValue('9.50');
    expect(screen.getByRole('textbox', { name: 'Catalog price for Circular saw' })).toHaveValue('');
    await fill(price, '9.999');
    await userEvent.click(screen.getByRole('button', { name: 'Save catalog' }));
    expect(await screen.findByText('At most 2 decimal places for USD')).toBeInTheDocument();
    expect(requestsTo(fetchMock, `/api/v1/admin/catalogs/${catalogId}`).filter((r) => r.method === 'PUT')).toHaveLength(0);

    await fill(price, '9.99');
    await userEvent.click(screen.getByRole('button', { name: 'Save catalog' }));
    const validTo = screen.getByLabelText(/^Valid until/);
    await waitFor(() => expect(validTo).toHaveAccessibleDescription(/Valid until must be after valid_from\./));
  });

  it('keeps the edits on screen when someone else saved first, and reloads on request', async () => {
    let version = 3;
    const fetchMock = mockFetch({
      '/api/v1/admin/customer-groups': groups,
      '/api/v1/products': products,
      [`/api/v1/admin/catalogs/${catalogId}`]: (request) => {
        if (request.method === 'PUT') {
          return problem(409, 'Conflict', 'the catalog was changed by someone else since you loaded it; reload and try again', { type: problemTypes.staleVersion });
        }
        return { status: 200, body: detail({ version, name: version === 3 ? 'Spring trade' : 'Spring trade (new)' }) };
      },
    });
    signIn(salesMe);
    renderRoutes(`/admin/catalogs/${catalogId}`);
    await screen.findByRole('heading', { level: 1, name: 'Spring trade' }, { timeout: 5000 });
    // Groups are shown by name.
    expect(screen.getAllByText('Trade customers (trade)')[0]).toBeInTheDocument();
    expect(itemOrder()).toEqual([drill.id, saw.id]);
    expect(itemNames().join(' ')).toContain('Cordless drill');

    await userEvent.click(screen.getByRole('button', { name: 'Remove Cordless drill' }));
    expect(itemOrder()).toEqual([saw.id]);
    expect(screen.getByRole('button', { name: 'Remove Circular saw' })).toHaveFocus();
    const name = screen.getByRole('textbox', { name: /^Name/ });
    await fill(name, 'My name');
    await userEvent.click(screen.getByRole('button', { name: 'Save catalog' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Someone else changed this catalog');
    const put = requestsTo(fetchMock, `/api/v1/admin/catalogs/${catalogId}`).find((r) => r.method === 'PUT');
    expect(((await put!.json()) as CatalogRequest).version).toBe(3);
    // The edits are still there.
    expect(name).toHaveValue('My name');
    expect(itemOrder()).toEqual([saw.id]);

    version = 4;
    await userEvent.click(within(alert).getByRole('button', { name: 'Reload the catalog' }));
    await waitFor(() => expect(screen.getByRole('textbox', { name: /^Name/ })).toHaveValue('Spring trade (new)'));
    expect(itemOrder()).toEqual([drill.id, saw.id]);
    expect(screen.queryByText('Someone else changed this catalog')).not.toBeInTheDocument();
  });
});
