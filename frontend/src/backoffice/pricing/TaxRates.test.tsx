import { configure, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockFetch, problem, requestsTo } from '../../test/fetchMock';
import { renderRoutes } from '../../test/renderRoutes';
import { adminMe, signIn } from '../../test/session';
import { salesMe } from './testData';

configure({ asyncUtilTimeout: 5000 });

const rates = { status: 200, body: { items: [{ tax_class: 'standard', name: 'Standard rate', rate_bp: 2000, updated_at: '2027-01-01T00:00:00Z' }] } };

describe('Tax rates', { timeout: 60_000 }, () => {
  it('are read-only for sales staff', async () => {
    mockFetch({ '/api/v1/admin/tax-rates': rates });
    signIn(salesMe);
    renderRoutes('/admin/pricing/tax-rates');
    const table = await screen.findByRole('table', { name: 'Tax rates' });
    expect(within(table).getByText('Standard rate')).toBeInTheDocument();
    expect(within(table).getByText(/^20\s?%$/)).toBeInTheDocument();
    expect(screen.getByText('Only admins can change tax rates.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Edit/ })).toBeNull();
  });

  it('are edited in place by admins, the rate sent in basis points', async () => {
    let puts = 0;
    const fetchMock = mockFetch({
      '/api/v1/admin/tax-rates': rates,
      '/api/v1/admin/tax-rates/standard': async (request) => {
        if (++puts === 1) return problem(422, 'Unprocessable', 'invalid', { errors: [{ field: 'name', message: 'is required (at most 80 characters)' }] });
        const body = (await request.clone().json()) as { name: string; rate_bp: number };
        return { status: 200, body: { tax_class: 'standard', ...body, updated_at: '2027-03-01T00:00:00Z' } };
      },
    });
    signIn(adminMe);
    renderRoutes('/admin/pricing/tax-rates');
    await userEvent.click(await screen.findByRole('button', { name: 'Edit Standard rate (standard)' }));
    const form = screen.getByRole('form', { name: 'Edit standard' });
    const rate = within(form).getByRole('textbox', { name: 'Rate of standard in percent' });
    expect(rate).toHaveValue('20');
    await userEvent.clear(rate);
    await userEvent.type(rate, '12.5');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('Name is required (at most 80 characters).')).toBeInTheDocument();
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Standard rate \(standard\) is now 12\.5\s?%/)).toBeInTheDocument();
    const [, last] = requestsTo(fetchMock, '/api/v1/admin/tax-rates/standard');
    expect(await last!.json()).toEqual({ name: 'Standard rate', rate_bp: 1250 });
  });
});
