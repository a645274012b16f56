import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../api/audit';
import { mockFetch, requestsTo } from '../../test/fetchMock';
import { currentUrl, renderRoutes } from '../../test/renderRoutes';
import { adminMe, signIn, supportMe } from '../../test/session';

const approved: AuditEntry = {
  id: '01a2139a-2965-7d3f-aa51-bb96f22d95d3',
  at: '2026-11-25T16:46:39.973Z',
  actor_kind: 'staff',
  actor_id: supportMe.id,
  actor_label: 'support@oms.example.com',
  ip: '203.0.113.9',
  request_id: '01a2139a-2964-7c68-be03-bc9c2d0753ca',
  action: 'registration.approved',
  entity_type: 'registration',
  entity_id: '01a2139a-166d-7dae-a580-82c3644cd91a',
  before: { status: 'pending_review' } as unknown as AuditEntry['before'],
  after: { status: 'approved', login_id: 'C000003' } as unknown as AuditEntry['after'],
};

describe('Audit log', () => {
  it('is for admins only', async () => {
    mockFetch({});
    signIn(supportMe);
    renderRoutes('/admin/audit');
    expect(await screen.findByRole('heading', { level: 1, name: 'Not available for your role' })).toBeInTheDocument();
  });

  it('sends the filters in the URL, lists the entries and shows before/after on demand', async () => {
    const fetchMock = mockFetch({ '/api/v1/admin/audit': { status: 200, body: { items: [approved], next_cursor: null } } });
    signIn(adminMe);
    const router = renderRoutes('/admin/audit?action=registration.approved&entity_type=registration');

    const table = await screen.findByRole('table', { name: 'Audit entries' });
    const query = new URL(requestsTo(fetchMock, '/api/v1/admin/audit')[0]!.url).searchParams;
    expect(Object.fromEntries(query)).toEqual({ action: 'registration.approved', entity_type: 'registration', page_size: '25' });
    const filters = screen.getByRole('search', { name: 'Filter the audit log' });
    expect(within(filters).getByLabelText('Action')).toHaveValue('registration.approved');

    const row = within(table).getAllByRole('row')[1]!;
    expect(row).toHaveTextContent('support@oms.example.com');
    expect(row).toHaveTextContent('Registration approved');
    expect(row).toHaveTextContent('203.0.113.9');
    const details = within(row).getByRole('button', { name: 'Details' });
    expect(details).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(details);
    expect(details).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText(/"login_id": "C000003"/)).toBeInTheDocument();
    expect(screen.getByText(/"status": "pending_review"/)).toBeInTheDocument();

    // The entity ID filters by that entity; the filter form follows the URL.
    await userEvent.click(within(row).getByRole('link', { name: approved.entity_id }));
    await waitFor(() =>
      expect(currentUrl(router)).toBe(`/admin/audit?entity_type=registration&entity_id=${approved.entity_id}`),
    );
    expect(within(filters).getByRole('textbox', { name: 'Entity ID' })).toHaveValue(approved.entity_id);
    expect(within(filters).getByLabelText('Action')).toHaveValue('');

    await userEvent.type(within(filters).getByLabelText('Action'), 'auth.login.failed{Enter}');
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get('action')).toBe('auth.login.failed'));
  });
});
