import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockFetch, problem, requestsTo } from '../../test/fetchMock';
import { problemTypes } from '../../api/problems';
import { renderRoutes } from '../../test/renderRoutes';
import { signIn } from '../../test/session';
import { categories, drills, fulfilmentMe, salesMe, tools } from '../products/testData';

describe('Categories', { timeout: 20_000 }, () => {
  it('shows the tree and adds a category with a slug made from its name', async () => {
    const hand = { id: 'c-new', name: 'Hand tools', slug: 'hand-tools', parent_id: tools.id, position: 0 };
    let created = false;
    const fetchMock = mockFetch({
      '/api/v1/categories': () => ({ status: 200, body: { items: created ? [...categories, hand] : categories } }),
      '/api/v1/admin/categories': () => {
        if (!created) {
          created = true;
          return { status: 201, body: hand };
        }
        return problem(409, 'Conflict', 'a product or category with this slug already exists', { type: problemTypes.alreadyExists, subject: 'slug' });
      },
    });
    signIn(salesMe);
    renderRoutes('/admin/categories');
    const tree = await screen.findByRole('tree', { name: 'Categories' }, { timeout: 15_000 });
    const items = () => within(tree).getAllByRole('treeitem').map((i) => i.getAttribute('data-value'));
    expect(items()).toEqual([tools.id, drills.id, categories[2]!.id]);
    expect(within(tree).getAllByRole('treeitem')[0]).toHaveAttribute('aria-expanded', 'true');

    const form = screen.getByRole('form', { name: 'New category' });
    await userEvent.click(within(form).getByRole('button', { name: 'Add category' }));
    expect(await within(form).findByText('Enter the name')).toBeInTheDocument();
    expect(requestsTo(fetchMock, '/api/v1/admin/categories')).toHaveLength(0);

    await userEvent.type(within(form).getByRole('textbox', { name: /^Name/ }), 'Hand tools');
    expect(within(form).getByRole('textbox', { name: /^Slug/ })).toHaveAttribute('placeholder', 'hand-tools');
    await userEvent.selectOptions(within(form).getByRole('combobox', { name: 'Parent' }), tools.id);
    await userEvent.click(within(form).getByRole('button', { name: 'Add category' }));
    expect(await screen.findByText('Hand tools was added.')).toBeInTheDocument();
    expect(await requestsTo(fetchMock, '/api/v1/admin/categories')[0]?.json()).toEqual({ name: 'Hand tools', slug: 'hand-tools', parent_id: tools.id });
    await waitFor(() => expect(items()).toContain('c-new'));
    expect(tree.querySelector('[role=treeitem][data-value="c-new"]')).toHaveAttribute('aria-selected', 'true');

    await userEvent.type(within(form).getByRole('textbox', { name: /^Name/ }), 'Hand tools');
    await userEvent.click(within(form).getByRole('button', { name: 'Add category' }));
    await waitFor(() =>
      expect(within(form).getByRole('textbox', { name: /^Slug/ })).toHaveAccessibleDescription(/A product or category with this slug already exists\./),
    );
  });

  it('is for sales and admins', async () => {
    mockFetch({});
    signIn(fulfilmentMe);
    renderRoutes('/admin/categories');
    expect(await screen.findByRole('heading', { level: 1, name: 'Not available for your role' })).toBeInTheDocument();
  });
});
