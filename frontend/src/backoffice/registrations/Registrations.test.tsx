import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Application, Review } from '../../api/registrations';
import { mockFetch, problem, requestsTo, type FakeResponse } from '../../test/fetchMock';
import { currentUrl, renderRoutes } from '../../test/renderRoutes';
import { adminMe, signIn, supportMe } from '../../test/session';

const id = '01a2139a-aaaa-7000-8000-000000000001';

function application(overrides: Partial<Application> = {}): Application {
  return {
    id,
    type: 'business',
    status: 'pending_review',
    name: 'Blake Buyer',
    email: 'blake@acme.example.com',
    phone: '+14155550160',
    address: { line1: '1 Industrial Way', line2: '', city: 'Oakland', postal_code: '94607', country: 'US' },
    company: { legal_name: 'Acme Supplies Inc.', tax_id: 'US12-3456789', registration_number: 'C1234567' },
    flags: ['duplicate_application', 'country_mismatch'],
    email_verified_at: '2026-11-25T16:00:00Z',
    phone_verified_at: '2026-11-25T16:01:00Z',
    reject_reason: null,
    reviewed_by: null,
    reviewed_at: null,
    registration_id: null,
    login_id: null,
    created_ip: '203.0.113.7',
    created_at: '2026-11-25T15:59:00Z',
    ...overrides,
  };
}

const related = application({
  id: '01a2139a-bbbb-7000-8000-000000000002',
  name: 'Blake Buyer',
  status: 'rejected',
  company: { legal_name: 'Acme Old Name', tax_id: 'US12-3456789', registration_number: 'C1' },
  email: 'other@acme.example.com',
  phone: '+14155550161',
  flags: [],
});
const review = (overrides: Partial<Review> = {}): FakeResponse => ({
  status: 200,
  body: { ...application(), related: [related], ...overrides },
});
const listPath = '/api/v1/admin/registrations';
const detailPath = `/api/v1/admin/registrations/${id}`;

describe('Registrations list', () => {
  it('shows the review queue by default, flags as labelled badges, and switches status in the URL', async () => {
    const fetchMock = mockFetch({ [listPath]: { status: 200, body: { items: [application()], next_cursor: null } } });
    signIn(supportMe);
    const router = renderRoutes('/admin/registrations');

    const table = await screen.findByRole('table', { name: 'Applications' });
    const row = within(table).getAllByRole('row')[1]!;
    expect(row).toHaveTextContent('Acme Supplies Inc.');
    expect(row).toHaveTextContent('Blake Buyer');
    expect(row).toHaveTextContent('Business');
    expect(within(row).getByText('Possible duplicate').closest('[data-flag]')).toHaveAttribute(
      'title',
      expect.stringContaining('same email, phone or tax ID'),
    );
    expect(within(row).getByText('Country mismatch')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Waiting for review' })).toHaveAttribute('aria-selected', 'true');
    expect(new URL(requestsTo(fetchMock, listPath)[0]!.url).searchParams.get('status')).toBe('pending_review');

    await userEvent.click(screen.getByRole('tab', { name: 'Approved' }));
    await waitFor(() => expect(currentUrl(router)).toBe('/admin/registrations?status=approved'));
    await waitFor(() => expect(new URL(requestsTo(fetchMock, listPath).at(-1)!.url).searchParams.get('status')).toBe('approved'));

    await userEvent.click(screen.getByRole('tab', { name: 'All' }));
    await waitFor(() => expect(new URL(requestsTo(fetchMock, listPath).at(-1)!.url).searchParams.has('status')).toBe(false));
    // The "All" view shows each application's status.
    expect(await screen.findByRole('columnheader', { name: 'Status' })).toBeInTheDocument();

    await userEvent.click(within(screen.getByRole('table', { name: 'Applications' })).getByRole('link', { name: 'Acme Supplies Inc.' }));
    expect(currentUrl(router)).toBe(`/admin/registrations/${id}`);
  });

  it('is listed in the navigation for support, sales and admin, not fulfilment', async () => {
    mockFetch({ [listPath]: { status: 200, body: { items: [], next_cursor: null } } });
    signIn({ ...supportMe, roles: ['fulfilment'] });
    renderRoutes('/admin/registrations');
    expect(await screen.findByRole('heading', { level: 1, name: 'Not available for your role' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Back office' });
    expect(within(nav).queryByRole('link', { name: 'Registrations' })).not.toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Staff' })).not.toBeInTheDocument();
  });
});

describe('Registration review', () => {
  it('shows every field, the verification times, the flags explained and related applications', async () => {
    mockFetch({ [detailPath]: review() });
    signIn(supportMe);
    renderRoutes(`/admin/registrations/${id}`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Acme Supplies Inc.' })).toBeInTheDocument();
    const flags = screen.getByRole('region', { name: 'Risk flags' });
    expect(flags).toHaveTextContent('The phone number belongs to a different country than the address.');
    const applicant = screen.getByRole('region', { name: 'Applicant' });
    expect(applicant).toHaveTextContent('blake@acme.example.com');
    expect(applicant).toHaveTextContent(/verified/);
    expect(applicant).toHaveTextContent('94607 Oakland');
    expect(screen.getByRole('region', { name: 'Company' })).toHaveTextContent('US12-3456789');
    expect(screen.getByRole('region', { name: 'Application' })).toHaveTextContent('203.0.113.7');
    const relatedTable = screen.getByRole('table', { name: 'Related applications' });
    expect(within(relatedTable).getByRole('link', { name: 'Acme Old Name' })).toHaveAttribute('href', `/admin/registrations/${related.id}`);
    expect(within(relatedTable).getByText('tax ID')).toBeInTheDocument();
    expect(within(relatedTable).getByText('Rejected')).toBeInTheDocument();
  });

  it('approves after confirmation and shows the issued IDs', async () => {
    const fetchMock = mockFetch({
      [detailPath]: review(),
      [`${detailPath}/approve`]: {
        status: 200,
        body: application({ status: 'approved', registration_id: 'REG-2026-000009', login_id: 'B000009', reviewed_at: '2026-11-25T17:00:00Z', reviewed_by: supportMe.id }),
      },
      [listPath]: { status: 200, body: { items: [], next_cursor: null } },
    });
    signIn(supportMe);
    renderRoutes(`/admin/registrations/${id}`);
    const decision = await screen.findByRole('region', { name: 'Decision' });
    await userEvent.click(within(decision).getByRole('button', { name: 'Approve' }));

    const dialog = await screen.findByRole('dialog', { name: 'Approve Acme Supplies Inc.?' });
    expect(requestsTo(fetchMock, `${detailPath}/approve`)).toHaveLength(0); // not before confirming
    await userEvent.click(within(dialog).getByRole('button', { name: 'Approve application' }));

    expect(await screen.findByText('Approved: IDs issued')).toBeInTheDocument();
    expect(screen.getByTestId('registration-id')).toHaveTextContent('REG-2026-000009');
    expect(screen.getByTestId('login-id')).toHaveTextContent('B000009');
    expect(screen.queryByRole('region', { name: 'Decision' })).not.toBeInTheDocument();
    expect(requestsTo(fetchMock, `${detailPath}/approve`)).toHaveLength(1);
    // Related applications are kept (the approve answer has none).
    expect(screen.getByRole('table', { name: 'Related applications' })).toBeInTheDocument();
  });

  it('rejects only with a reason, after confirmation', async () => {
    const fetchMock = mockFetch({
      [detailPath]: review(),
      [`${detailPath}/reject`]: {
        status: 200,
        body: application({ status: 'rejected', reject_reason: 'We could not confirm the registration number.' }),
      },
      [listPath]: { status: 200, body: { items: [], next_cursor: null } },
    });
    signIn(adminMe);
    renderRoutes(`/admin/registrations/${id}`);
    const decision = await screen.findByRole('region', { name: 'Decision' });
    await userEvent.click(within(decision).getByRole('button', { name: 'Reject' }));
    const reason = within(decision).getByRole('textbox', { name: /Reason for rejecting/ });
    expect(await within(decision).findByText('Enter the reason: the applicant is told why')).toBeInTheDocument();
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    await userEvent.type(reason, 'We could not confirm the registration number.');
    await userEvent.click(within(decision).getByRole('button', { name: 'Reject' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reject Acme Supplies Inc.?' });
    expect(dialog).toHaveTextContent('We could not confirm the registration number.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reject application' }));

    expect(await screen.findByText(/Reason given to the applicant: We could not confirm the registration number\./)).toBeInTheDocument();
    expect(await requestsTo(fetchMock, `${detailPath}/reject`)[0]?.json()).toEqual({
      reason: 'We could not confirm the registration number.',
    });
  });

  it('explains a 409 (decided meanwhile) and shows the current state', async () => {
    let detail = review();
    const fetchMock = mockFetch({
      [detailPath]: () => detail,
      [`${detailPath}/approve`]: () => {
        detail = review({ status: 'rejected', reject_reason: 'Duplicate of an older application.' });
        return problem(409, 'Conflict', 'only applications waiting for review can be approved or rejected');
      },
      [listPath]: { status: 200, body: { items: [], next_cursor: null } },
    });
    signIn(supportMe);
    renderRoutes(`/admin/registrations/${id}`);
    await userEvent.click(within(await screen.findByRole('region', { name: 'Decision' })).getByRole('button', { name: 'Approve' }));
    await userEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Approve application' }));
    expect(await screen.findByText(/Reason given to the applicant: Duplicate of an older application\./)).toBeInTheDocument();
    expect(requestsTo(fetchMock, detailPath).length).toBeGreaterThanOrEqual(2);
  });
});
