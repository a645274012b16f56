import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors';
import { newPriceListValues, priceListLabels, priceListPath, priceListValues, toPriceListRequest, validatePriceList } from './priceListForm';
import { mapServerErrors } from './serverErrors';

const group = 'g0000000-0000-7000-8000-000000000001';

describe('price list form', () => {
  it('turns a valid form into the request, amounts in minor units', () => {
    const v = {
      ...newPriceListValues(),
      name: ' Trade ',
      code: 'trade',
      groupId: group,
      currency: 'usd',
      items: [{ productId: 'p1', tiers: [{ minQty: '1', amount: '12' }, { minQty: '10', amount: '10.80' }] }],
    };
    expect(validatePriceList(v)).toEqual({});
    expect(toPriceListRequest(v, 3)).toEqual({
      name: 'Trade',
      code: 'TRADE',
      currency: 'USD',
      active: true,
      customer_group_id: group,
      items: [{ product_id: 'p1', tiers: [{ min_qty: 1, amount: 1200 }, { min_qty: 10, amount: 1080 }] }],
      version: 3,
    });
  });

  it('needs a group or a customer and valid tiers', () => {
    const v = { ...newPriceListValues(), name: 'X', code: 'X1', items: [{ productId: 'p1', tiers: [{ minQty: '2', amount: '1' }] }] };
    expect(validatePriceList(v)).toEqual({ groupId: 'Choose a customer group', 'items.0.tiers.0.minQty': 'The first tier starts at 1' });
    expect(validatePriceList({ ...v, target: 'customer', customerId: 'C000002', items: [] })).toHaveProperty('customerId');
  });

  it('loads a saved list with sorted tiers as decimals', () => {
    const values = priceListValues({
      id: 'l1', name: 'N', code: 'N', currency: 'USD', active: true, products: 1, version: 2, created_at: '', updated_at: '',
      customer_id: 'c1', items: [{ product_id: 'p1', tiers: [{ min_qty: 10, amount: 900 }, { min_qty: 1, amount: 1000 }] }],
    });
    expect(values.target).toBe('customer');
    expect(values.items[0]?.tiers).toEqual([{ minQty: '1', amount: '10.00' }, { minQty: '10', amount: '9.00' }]);
  });

  it('maps server fields onto inputs', () => {
    const group = { target: 'group' as const };
    expect(priceListPath('items[2].tiers[1].min_qty', group)).toBe('items.2.tiers.1.minQty');
    expect(priceListPath('items[0].tiers[0].amount', group)).toBe('items.0.tiers.0.amount');
    expect(priceListPath('items[0].tiers', group)).toBe('items.0.tiers');
    expect(priceListPath('items[1].product_id', group)).toBe('items.1.productId');
    expect(priceListPath('customer_group_id', { target: 'customer' })).toBe('customerId');
    expect(priceListPath('valid_to', group)).toBe('validTo');
    expect(priceListPath('bogus', group)).toBeUndefined();
    const err = new ApiError(422, {
      title: 'Unprocessable', status: 422, detail: 'invalid',
      errors: [{ field: 'items[0].tiers[1].min_qty', message: 'must be at least 1' }, { field: 'bogus', message: 'is odd' }],
    } as never, 'invalid');
    expect(mapServerErrors(err, (f) => priceListPath(f, group), priceListLabels)).toEqual({
      fields: { 'items.0.tiers.1.minQty': 'Minimum quantity must be at least 1.' },
      other: ['Bogus is odd.'],
    });
  });
});
