import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockFetch, problem } from '../../test/fetchMock';
import { renderRoutes } from '../../test/renderRoutes';
import { signIn } from '../../test/session';
import { casey } from '../orders/testData';

describe('order notifications on My account', { timeout: 15_000 }, () => {
  it('switches email and SMS updates on and off', async () => {
    let prefs = { email: true, sms: true };
    const sent: unknown[] = [];
    mockFetch({
      '/api/v1/me': { status: 200, body: casey },
      '/api/v1/cart': { status: 200, body: { items: [], issues: [], totals: null } },
      '/api/v1/me/notifications': async (req) => {
        if (req.method === 'PUT') {
          prefs = (await req.json()) as typeof prefs;
          sent.push(prefs);
        }
        return { status: 200, body: prefs };
      },
    });
    signIn(casey);
    renderRoutes('/account');
    const section = await screen.findByRole('region', { name: 'Order notifications' });
    const sms = await within(section).findByRole('switch', { name: /SMS/ });
    expect(sms).toBeChecked();
    await userEvent.click(sms);
    await waitFor(() => expect(sent).toEqual([{ email: true, sms: false }]));
    expect(await within(section).findByText('Saved.')).toBeInTheDocument();
    expect(within(section).getByRole('switch', { name: /SMS/ })).not.toBeChecked();
    expect(within(section).getByRole('switch', { name: /Email/ })).toBeChecked();
  });

  it('puts the switch back when saving fails', async () => {
    mockFetch({
      '/api/v1/me': { status: 200, body: casey },
      '/api/v1/cart': { status: 200, body: { items: [], issues: [], totals: null } },
      '/api/v1/me/notifications': (req) =>
        req.method === 'PUT' ? problem(503, 'Service Unavailable', 'try later') : { status: 200, body: { email: true, sms: false } },
    });
    signIn(casey);
    renderRoutes('/account');
    const section = await screen.findByRole('region', { name: 'Order notifications' });
    await userEvent.click(await within(section).findByRole('switch', { name: /Email/ }));
    expect(await within(section).findByRole('alert')).toHaveTextContent('Not saved');
    expect(within(section).getByRole('switch', { name: /Email/ })).toBeChecked();
  });
});
