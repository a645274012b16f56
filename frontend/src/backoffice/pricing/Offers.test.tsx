import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OfferRequest } from '../../api/pricing';
import { mockFetch, problem, requestsTo } from '../../test/fetchMock';
import { problemTypes } from '../../api/problems';
import { currentUrl, renderRoutes } from '../../test/renderRoutes';
import { signIn } from '../../test/session';
import { offer, offerId, salesMe, trade } from './testData';

configure({ asyncUtilTimeout: 5000 });

async function fill(element: HTMLElement, text: string) {
  await userEvent.clear(element);
  await userEvent.click(element);
  await userEvent.paste(text);
}

describe('Offers', { timeout: 60_000 }, () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-03-15T12:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('lists offers with code, kind, value, scope, status and uses', async () => {
    mockFetch({
      '/api/v1/admin/offers': {
        status: 200,
        body: {
          items: [
            offer(),
            offer({ id: 'o2', name: 'Five off drills', code: null, kind: 'fixed', value: 500, currency: 'USD', scope: 'category', uses: 0, max_uses: null, valid_to: '2027-03-01T00:00:00Z' }),
          ],
        },
      },
    });
    signIn(salesMe);
    renderRoutes('/admin/pricing/offers');
    const table = await screen.findByRole('table', { name: 'Offers' });
    const row = (key: string) => table.querySelector(`[data-offer="${key}"]`) as HTMLElement;
    expect(within(row('WELCOME10')).getByRole('link', { name: 'Welcome' })).toHaveAttribute('href', `/admin/pricing/offers/${offerId}`);
    expect(within(row('WELCOME10')).getByText('Percent off')).toBeInTheDocument();
    expect(within(row('WELCOME10')).getByText(/^10\s?%$/)).toBeInTheDocument();
    expect(within(row('WELCOME10')).getByText('The whole order')).toBeInTheDocument();
    expect(within(row('WELCOME10')).getByText('Live')).toBeInTheDocument();
    expect(within(row('WELCOME10')).getByText('2 / 100')).toBeInTheDocument();
    expect(within(row('Five off drills')).getByText('Automatic')).toBeInTheDocument();
    expect(within(row('Five off drills')).getByText('$5.00')).toBeInTheDocument();
    expect(within(row('Five off drills')).getByText('Ended')).toBeInTheDocument();
  });

  it('creates a coupon: percent sent as basis points, a taken code shown on the field', async () => {
    let posts = 0;
    const fetchMock = mockFetch({
      '/api/v1/admin/customer-groups': { status: 200, body: { items: [trade] } },
      '/api/v1/categories': { status: 200, body: { items: [] } },
      '/api/v1/admin/offers': () =>
        ++posts === 1 ? problem(409, 'Conflict', 'an offer with this coupon code already exists', { type: problemTypes.alreadyExists, subject: 'code' }) : { status: 201, body: offer({ value: 1250 }) },
      [`/api/v1/admin/offers/${offerId}`]: { status: 200, body: offer({ value: 1250 }) },
    });
    signIn(salesMe);
    const router = renderRoutes('/admin/pricing/offers/new');
    await screen.findByRole('heading', { level: 1, name: 'New offer' });
    await fill(screen.getByRole('textbox', { name: /^Name/ }), 'Welcome');
    await fill(screen.getByRole('textbox', { name: /^Coupon code/ }), 'welcome10');
    await fill(screen.getByRole('textbox', { name: /^Discount/ }), '150');
    await userEvent.click(screen.getByRole('button', { name: 'Create offer' }));
    expect(await screen.findByText('The percentage must be at most 100')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /^Discount/ })).toHaveFocus();

    await fill(screen.getByRole('textbox', { name: /^Discount/ }), '12.5');
    await fill(screen.getByRole('textbox', { name: /^Uses per customer/ }), '1');
    await userEvent.click(screen.getByRole('button', { name: 'Create offer' }));
    expect(await screen.findByText('Another offer already has this coupon code.')).toBeInTheDocument();

    await fill(screen.getByRole('textbox', { name: /^Coupon code/ }), 'welcome12');
    await userEvent.click(screen.getByRole('button', { name: 'Create offer' }));
    await waitFor(() => expect(currentUrl(router)).toBe(`/admin/pricing/offers/${offerId}`));
    const bodies = await Promise.all(requestsTo(fetchMock, '/api/v1/admin/offers').map((r) => r.json() as Promise<OfferRequest>));
    expect(bodies[1]).toEqual({
      name: 'Welcome', code: 'WELCOME12', kind: 'percent', value: 1250, scope: 'order', audience: 'both',
      stackable: false, active: true, max_uses_per_customer: 1,
    });
    expect(await screen.findByText('Welcome was created.')).toBeInTheDocument();
  });
});
