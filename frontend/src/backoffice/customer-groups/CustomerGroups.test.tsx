import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CustomerGroup, GroupMember } from '../../api/customerGroups';
import { mockFetch, problem, requestsTo } from '../../test/fetchMock';
import { problemTypes } from '../../api/problems';
import { currentUrl, renderRoutes } from '../../test/renderRoutes';
import { signIn, supportMe } from '../../test/session';
import { northwind, salesMe, trade } from '../catalogs/testData';

// Lazy pages and debounced searches: give a busy machine time before failing.
configure({ asyncUtilTimeout: 5000 });

const slow = { timeout: 5000 };
const casey: GroupMember = { id: 'u0000000-0000-7000-8000-000000000001', login_id: 'C000001', name: 'Casey Consumer', email: 'casey@example.com', type: 'consumer' };

async function fill(element: HTMLElement, text: string) {
  await userEvent.clear(element);
  await userEvent.click(element);
  await userEvent.paste(text);
}

describe('Customer groups', { timeout: 30_000 }, () => {
  it('are for sales and admin staff', async () => {
    mockFetch({});
    signIn(supportMe);
    renderRoutes('/admin/customer-groups');
    expect(await screen.findByRole('heading', { level: 1, name: 'Not available for your role' }, slow)).toBeInTheDocument();
  });

  it('lists groups with code and member count', async () => {
    mockFetch({ '/api/v1/admin/customer-groups': { status: 200, body: { items: [trade] } } });
    signIn(salesMe);
    renderRoutes('/admin/customer-groups');
    const table = await screen.findByRole('table', { name: 'Customer groups' }, slow);
    const row = table.querySelector('[data-group="trade"]') as HTMLElement;
    expect(within(row).getByRole('link', { name: 'Trade customers' })).toHaveAttribute('href', `/admin/customer-groups/${trade.id}`);
    expect(within(row).getByText('trade')).toBeInTheDocument();
    expect(within(row).getByText('1')).toBeInTheDocument();
  });

  it('creates a group: code suggested from the name, checked before sending, a taken code shown at the input', async () => {
    const created: CustomerGroup = { ...trade, id: 'g2', code: 'eu-trade', name: 'EU trade', members: 0, description: '' };
    let attempts = 0;
    const fetchMock = mockFetch({
      '/api/v1/admin/customer-groups': (request) => {
        if (request.method === 'POST') {
          attempts += 1;
          return attempts === 1 ? problem(409, 'Conflict', 'a customer group with this code already exists', { type: problemTypes.alreadyExists, subject: 'code' }) : { status: 201, body: created };
        }
        return { status: 200, body: { items: [trade] } };
      },
      '/api/v1/admin/customer-groups/g2/members': { status: 200, body: { items: [] } },
    });
    signIn(salesMe);
    const router = renderRoutes('/admin/customer-groups');
    await userEvent.click(await screen.findByRole('button', { name: 'New customer group' }, slow));
    const dialog = await screen.findByRole('dialog', { name: 'New customer group' });
    const name = within(dialog).getByRole('textbox', { name: /^Name/ });
    const code = within(dialog).getByRole('textbox', { name: /^Code/ });

    await fill(code, 'Not OK');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create group' }));
    expect(await within(dialog).findByText(/Enter a name/)).toBeInTheDocument();
    expect(within(dialog).getByText(/Use lower-case letters and digits/)).toBeInTheDocument();
    expect(requestsTo(fetchMock, '/api/v1/admin/customer-groups').filter((r) => r.method === 'POST')).toHaveLength(0);

    await userEvent.clear(code); // an empty code follows the name again
    await fill(name, 'Trade');
    expect(code).toHaveValue('trade');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create group' }));
    await waitFor(() => expect(code).toHaveAccessibleDescription(/A customer group with this code already exists\./));
    expect(code).toHaveFocus();

    await fill(name, 'EU trade');
    expect(code).toHaveValue('eu-trade'); // still follows the name: the code was not typed by hand
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create group' }));
    await waitFor(() => expect(currentUrl(router)).toBe('/admin/customer-groups/g2'));
    const posts = requestsTo(fetchMock, '/api/v1/admin/customer-groups').filter((r) => r.method === 'POST');
    expect(await posts[1]?.json()).toEqual({ code: 'eu-trade', name: 'EU trade', description: '' });
    expect(await screen.findByText('EU trade was created. Add its members below.', {}, slow)).toBeInTheDocument();
  });

  it('adds members by Login ID or email and removes them after confirming', async () => {
    let members = [northwind];
    const fetchMock = mockFetch({
      '/api/v1/admin/customer-groups': { status: 200, body: { items: [trade] } },
      [`/api/v1/admin/customer-groups/${trade.id}/members`]: async (request) => {
        if (request.method === 'POST') {
          const { customer } = (await request.json()) as { customer: string };
          if (customer !== 'casey@example.com') {
            return problem(422, 'Unprocessable Entity', 'invalid', { errors: [{ field: 'customer', message: 'no customer has this Login ID or email' }] });
          }
          members = [casey, ...members];
          return { status: 200, body: casey };
        }
        return { status: 200, body: { items: members } };
      },
      [`/api/v1/admin/customer-groups/${trade.id}/members/${northwind.id}`]: () => {
        members = members.filter((m) => m.id !== northwind.id);
        return { status: 204, body: null };
      },
    });
    signIn(salesMe);
    renderRoutes(`/admin/customer-groups/${trade.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Trade customers' }, slow)).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Members' }, slow);
    expect(within(table).getByText('C000002')).toBeInTheDocument();

    const input = screen.getByRole('textbox', { name: /Login ID or email/ });
    await userEvent.click(screen.getByRole('button', { name: 'Add to group' }));
    expect(await screen.findByText(/Enter a Login ID/)).toBeInTheDocument();

    await fill(input, 'C999999');
    await userEvent.click(screen.getByRole('button', { name: 'Add to group' }));
    await waitFor(() => expect(input).toHaveAccessibleDescription(/No customer has this Login ID or email\./));

    await fill(input, 'casey@example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Add to group' }));
    expect(await screen.findByText('Casey Consumer (C000001) is in the group.')).toBeInTheDocument();
    expect(await within(screen.getByRole('table', { name: 'Members' })).findByText('C000001')).toBeInTheDocument();
    expect(input).toHaveValue('');

    await userEvent.click(screen.getByRole('button', { name: 'Remove Blake Buyer (C000002)' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove Blake Buyer from Trade customers?' });
    expect(requestsTo(fetchMock, `/api/v1/admin/customer-groups/${trade.id}/members/${northwind.id}`)).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Remove from group' }));
    expect(await screen.findByText('Blake Buyer (C000002) was removed from the group.')).toBeInTheDocument();
    expect(requestsTo(fetchMock, `/api/v1/admin/customer-groups/${trade.id}/members/${northwind.id}`)[0]?.method).toBe('DELETE');
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Members' })).queryByText('C000002')).not.toBeInTheDocument());
  });
});
