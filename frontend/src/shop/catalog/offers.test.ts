import { describe, expect, it } from 'vitest';
import type { Offer } from '../../api/catalog';
import { offerConditions, offerDiscount, offerLink } from './offers';
import { categories } from './testData';

const offer = (overrides: Partial<Offer> = {}): Offer => ({
  id: 'o1',
  name: 'Spring sale',
  label: 'Offer Spring sale −10%',
  kind: 'percent',
  value: 1000,
  scope: 'order',
  min_order_amount: 0,
  min_quantity: 0,
  currency: null,
  valid_to: null,
  ...overrides,
});

describe('offers', () => {
  it('writes the discount: basis points as a percentage, fixed amounts as money', () => {
    expect(offerDiscount(offer())).toMatch(/^−10\s?%$/);
    expect(offerDiscount(offer({ value: 1250 }))).toMatch(/^−12[.,]5\s?%$/);
    expect(offerDiscount(offer({ kind: 'fixed', value: 500, currency: 'USD' }))).toMatch(/^−(US)?\$5\.00$/);
  });

  it('says what the offer applies to and needs', () => {
    expect(offerConditions(offer({ min_order_amount: 10000, currency: 'USD' }), categories)).toEqual([
      'On your whole order',
      expect.stringMatching(/^For orders from (US)?\$100\.00$/),
    ]);
    expect(offerConditions(offer({ scope: 'category', category_id: 'c-garden', min_quantity: 10 }), categories)).toEqual([
      'On everything in Garden',
      'When you buy 10 or more',
    ]);
    expect(offerConditions(offer({ scope: 'product', product_id: 'p1' }), categories)).toEqual([]);
  });

  it('links to the product, the category, or the whole shop', () => {
    expect(offerLink(offer({ scope: 'product', product_id: 'p 1' }), categories)).toBe('/shop/p/p%201');
    expect(offerLink(offer({ scope: 'category', category_id: 'c-garden' }), categories)).toBe('/shop?category=garden');
    expect(offerLink(offer({ scope: 'category', category_id: 'gone' }), categories)).toBe('/shop');
    expect(offerLink(offer(), categories)).toBe('/shop');
  });
});
