import { describe, expect, it } from 'vitest';
import type { Offer } from '../../api/pricing';
import { newOfferValues, offerFieldPath, offerValues, offerValueText, toOfferRequest, usesText, validateOffer } from './offerForm';

describe('offer form', () => {
  it('sends a percent coupon as basis points, code upper-case, no currency', () => {
    const v = { ...newOfferValues(), name: 'Welcome', code: 'welcome10', value: '12.5', maxUsesPerCustomer: '1' };
    expect(validateOffer(v)).toEqual({});
    expect(toOfferRequest(v)).toEqual({
      name: 'Welcome', code: 'WELCOME10', kind: 'percent', value: 1250, scope: 'order', audience: 'both',
      stackable: false, active: true, max_uses_per_customer: 1,
    });
  });

  it('sends a fixed product offer in minor units with its currency', () => {
    const v = { ...newOfferValues(), name: 'Five off', kind: 'fixed' as const, value: '5', scope: 'product' as const, productId: 'p1', minOrderAmount: '50' };
    expect(toOfferRequest(v, 4)).toMatchObject({ kind: 'fixed', value: 500, currency: 'USD', product_id: 'p1', version: 4 });
    // a minimum order amount is for order offers only
    expect(toOfferRequest(v)).not.toHaveProperty('min_order_amount');
  });

  it('checks the fields', () => {
    const v = { ...newOfferValues(), value: '150', scope: 'category' as const, code: 'x', maxUses: '0' };
    expect(validateOffer(v)).toEqual({
      name: 'Enter a name',
      code: '2–40 characters: A–Z, 0–9, “_” or “-”',
      value: 'The percentage must be at most 100',
      categoryId: 'Choose a category',
      maxUses: 'Uses in total must be at least 1',
    });
    expect(validateOffer({ ...newOfferValues(), name: 'n', kind: 'fixed', value: '0' })).toEqual({ value: 'The amount must be more than 0' });
  });

  it('loads a saved offer and describes it', () => {
    const o = {
      id: 'o1', name: 'Spring', kind: 'percent', value: 1000, scope: 'order', audience: 'b2b', active: true, stackable: false,
      label: '', min_order_amount: 5000, min_quantity: 0, uses: 3, max_uses: 10, version: 1, created_at: '', updated_at: '',
    } satisfies Offer;
    expect(offerValues(o)).toMatchObject({ value: '10', minOrderAmount: '50.00', maxUses: '10', minQuantity: '' });
    expect(offerValueText(o)).toMatch(/10\s?%/);
    expect(usesText(o)).toBe('3 / 10');
    expect(usesText({ uses: 2 })).toBe('2');
    expect(offerFieldPath("max_uses_per_customer")).toBe('maxUsesPerCustomer');
  });
});
