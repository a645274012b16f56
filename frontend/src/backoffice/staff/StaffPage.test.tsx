import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { StaffMember } from '../../api/staff';
import { mockFetch, problem, requestsTo, type FakeResponse } from '../../test/fetchMock';
import { problemTypes } from '../../api/problems';
import { renderRoutes } from '../../test/renderRoutes';
import { adminMe, signIn, supportMe } from '../../test/session';

const avery: StaffMember = { id: adminMe.id, email: adminMe.email, name: 'Avery Admin', role: 'admin', disabled_at: null, created_at: '2026-11-25T16:00:00Z' };
const sam: StaffMember = { id: supportMe.id, email: supportMe.email, name: 'Sam Support', role: 'support', disabled_at: null, created_at: '2026-11-25T16:00:01Z' };
const list = (items: StaffMember[]): FakeResponse => ({ status: 200, body: { items } });

async function fill(element: HTMLElement, text: string) {
  await userEvent.click(element);
  await userEvent.paste(text);
}

function row(email: string): HTMLElement {
  return screen.getByRole('table', { name: 'Staff' }).querySelector(`[data-staff-email="${email}"]`) as HTMLElement;
}

describe('Staff page', () => {
  it('is for admins only', async () => {
    mockFetch({});
    signIn(supportMe);
    renderRoutes('/admin/users');
    expect(await screen.findByRole('heading', { level: 1, name: 'Not available for your role' })).toBeInTheDocument();
  });

  it('lists staff with role and status, and marks the admin themself', async () => {
    mockFetch({ '/api/v1/admin/users': list([avery, { ...sam, disabled_at: '2026-11-25T17:00:00Z' }]) });
    signIn(adminMe);
    renderRoutes('/admin/users');
    await screen.findByRole('table', { name: 'Staff' });
    expect(within(row(avery.email)).getByText('You')).toBeInTheDocument();
    expect(within(row(avery.email)).getByRole('combobox', { name: 'Role of Avery Admin' })).toHaveValue('admin');
    expect(within(row(sam.email)).getByText('Disabled')).toBeInTheDocument();
    expect(within(row(sam.email)).getByRole('button', { name: 'Enable Sam Support' })).toBeInTheDocument();
  });

  it('changes a role with the select and says so', async () => {
    const fetchMock = mockFetch({
      '/api/v1/admin/users': list([avery, sam]),
      [`/api/v1/admin/users/${sam.id}`]: { status: 200, body: { ...sam, role: 'sales' } },
    });
    signIn(adminMe);
    renderRoutes('/admin/users');
    await screen.findByRole('table', { name: 'Staff' });
    await userEvent.selectOptions(within(row(sam.email)).getByRole('combobox', { name: 'Role of Sam Support' }), 'sales');
    expect(await screen.findByRole('status')).toHaveTextContent('Sam Support is now Sales.');
    const [patch] = requestsTo(fetchMock, `/api/v1/admin/users/${sam.id}`);
    expect(patch?.method).toBe('PATCH');
    expect(await patch?.json()).toEqual({ role: 'sales' });
    expect(within(row(sam.email)).getByRole('combobox', { name: 'Role of Sam Support' })).toHaveValue('sales');
  });

  it('disables an account only after confirmation', async () => {
    const fetchMock = mockFetch({
      '/api/v1/admin/users': list([avery, sam]),
      [`/api/v1/admin/users/${sam.id}`]: { status: 200, body: { ...sam, disabled_at: '2026-11-25T17:00:00Z' } },
    });
    signIn(adminMe);
    renderRoutes('/admin/users');
    await screen.findByRole('table', { name: 'Staff' });
    await userEvent.click(within(row(sam.email)).getByRole('button', { name: 'Disable Sam Support' }));
    const dialog = await screen.findByRole('dialog', { name: 'Disable Sam Support?' });
    expect(dialog).toHaveTextContent('logged out everywhere');
    expect(requestsTo(fetchMock, `/api/v1/admin/users/${sam.id}`)).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Disable account' }));
    expect(await screen.findByText('Sam Support is disabled and was logged out everywhere.')).toBeInTheDocument();
    expect(await requestsTo(fetchMock, `/api/v1/admin/users/${sam.id}`)[0]?.json()).toEqual({ disabled: true });
    expect(within(row(sam.email)).getByText('Disabled')).toBeInTheDocument();
  });

  it('shows the server’s 409 when an admin would lock themself out', async () => {
    mockFetch({
      '/api/v1/admin/users': list([avery, sam]),
      [`/api/v1/admin/users/${avery.id}`]: problem(409, 'Conflict', 'you cannot disable your own account or take away your own admin role'),
    });
    signIn(adminMe);
    renderRoutes('/admin/users');
    await screen.findByRole('table', { name: 'Staff' });
    await userEvent.selectOptions(within(row(avery.email)).getByRole('combobox', { name: 'Role of Avery Admin' }), 'support');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('You cannot disable your own account or take away your own admin role.');
    // The select shows the role the server kept.
    expect(within(row(avery.email)).getByRole('combobox', { name: 'Role of Avery Admin' })).toHaveValue('admin');
  });

  it('adds a staff member, with the server’s field errors at the fields', async () => {
    let created = false;
    const fetchMock = mockFetch({
      '/api/v1/admin/users': (request) => {
        if (request.method === 'POST') {
          if (!created) {
            created = true;
            return problem(409, 'Conflict', 'a staff user with this email already exists', { type: problemTypes.alreadyExists, subject: 'email' });
          }
          return { status: 201, body: { ...sam, id: 'new', email: 'riley@oms.example.com', name: 'Riley Sales', role: 'sales' } };
        }
        return list([avery, sam]);
      },
    });
    signIn(adminMe);
    renderRoutes('/admin/users');
    await userEvent.click(await screen.findByRole('button', { name: 'Add staff member' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add staff member' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add staff member' }));
    expect(await within(dialog).findByText('Enter the name')).toBeInTheDocument();
    expect(requestsTo(fetchMock, '/api/v1/admin/users').filter((r) => r.method === 'POST')).toHaveLength(0);

    await fill(within(dialog).getByRole('textbox', { name: /^Name/ }), 'Riley Sales');
    await fill(within(dialog).getByRole('textbox', { name: /Work email/ }), 'support@oms.example.com');
    await userEvent.selectOptions(within(dialog).getByRole('combobox', { name: /Role/ }), 'sales');
    await fill(within(dialog).getByLabelText(/^First password/), 'saffron kettle orbit');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add staff member' }));
    const email = within(dialog).getByRole('textbox', { name: /Work email/ });
    await waitFor(() => expect(email).toHaveAccessibleDescription('A staff user with this email already exists.'));

    await userEvent.clear(email);
    await fill(email, 'riley@oms.example.com');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add staff member' }));
    expect(await screen.findByText(/Riley Sales was added/)).toBeInTheDocument();
    const posts = requestsTo(fetchMock, '/api/v1/admin/users').filter((r) => r.method === 'POST');
    expect(await posts[1]?.json()).toEqual({ name: 'Riley Sales', email: 'riley@oms.example.com', role: 'sales', password: 'saffron kettle orbit' });
  });
});
