import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Me } from '../../auth/session';
import type { ApiKey } from '../../api/apiKeys';
import { mockFetch, requestsTo } from '../../test/fetchMock';
import { renderRoutes } from '../../test/renderRoutes';
import { signIn } from '../../test/session';

const buyer: Me = {
  id: '01a21399-d8a0-7000-8000-000000000002',
  type: 'business',
  name: 'Blake Buyer',
  email: 'purchasing@northwind.example.com',
  roles: ['customer'],
  registration_id: 'REG-2026-000002',
  login_id: 'C000002',
  phone: '+14155550124',
};

const existing: ApiKey = { id: 'k1', name: 'Old ERP', prefix: 'oms_AbC123', created_at: '2026-11-01T10:00:00Z', last_used_at: null, revoked_at: null };

describe('API keys on My account', () => {
  it('creates a key, shows it once, and revokes keys', async () => {
    let keys: ApiKey[] = [existing];
    const fetchMock = mockFetch({
      '/api/v1/me': { status: 200, body: buyer },
      '/api/v1/me/api-keys': async (req) => {
        if (req.method === 'POST') {
          const created = { ...existing, id: 'k2', name: 'ERP integration', prefix: 'oms_XyZ789', key: 'oms_XyZ789-secret-value' };
          keys = [created, ...keys];
          return { status: 201, body: created };
        }
        return { status: 200, body: { items: keys } };
      },
      '/api/v1/me/api-keys/k1': () => {
        keys = keys.map((k) => (k.id === 'k1' ? { ...k, revoked_at: '2026-11-25T10:00:00Z' } : k));
        return { status: 204, body: null };
      },
    });
    signIn(buyer);
    renderRoutes('/account');
    const section = await screen.findByRole('region', { name: 'API keys' });
    expect(await within(section).findByText('Old ERP')).toBeInTheDocument();

    await userEvent.click(within(section).getByRole('button', { name: 'Create key' }));
    expect(within(section).getByText('Name the key after the system that will use it')).toBeInTheDocument();
    expect(requestsTo(fetchMock, '/api/v1/me/api-keys').filter((r) => r.method === 'POST')).toHaveLength(0);

    await userEvent.type(within(section).getByLabelText('Key name'), 'ERP integration');
    await userEvent.click(within(section).getByRole('button', { name: 'Create key' }));
    expect(await within(section).findByTestId('new-api-key')).toHaveTextContent('oms_XyZ789-secret-value');

    await userEvent.click(within(section).getByRole('button', { name: 'Revoke Old ERP' }));
    expect(await within(section).findByText('Revoked')).toBeInTheDocument();
  });

  it('is not shown to consumers', async () => {
    mockFetch({ '/api/v1/me': { status: 200, body: { ...buyer, type: 'consumer' } } });
    signIn({ ...buyer, type: 'consumer' });
    renderRoutes('/account');
    expect(await screen.findByRole('heading', { level: 1, name: 'My account' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'API keys' })).not.toBeInTheDocument();
  });
});
