import { describe, expect, it } from 'vitest';
import { checkTiers, nextMinQty, tierRange, type TierRow } from './tiers';

const rows = (...r: [string, string][]): TierRow[] => r.map(([minQty, amount]) => ({ minQty, amount }));

describe('checkTiers', () => {
  it('parses valid tiers into minor units', () => {
    expect(checkTiers(rows(['1', '12.00'], ['10', '10.80'], ['50', '9.5']), 'USD')).toEqual({
      tiers: [
        { min_qty: 1, amount: 1200 },
        { min_qty: 10, amount: 1080 },
        { min_qty: 50, amount: 950 },
      ],
      errors: {},
    });
  });

  it.each([
    ['no rows', rows(), { rows: 'Add at least one tier' }],
    ['first tier not 1', rows(['5', '1']), { '0.minQty': 'The first tier starts at 1' }],
    ['zero', rows(['0', '1']), { '0.minQty': 'Must be at least 1' }],
    ['duplicate', rows(['1', '2'], ['10', '1'], ['10', '1']), { '2.minQty': '10 is already a tier' }],
    ['descending', rows(['1', '2'], ['10', '1'], ['5', '1']), { '2.minQty': 'Must be more than 10 (tiers go up)' }],
    ['not a number', rows(['1', '2'], ['x', '1']), { '1.minQty': 'Enter a whole number' }],
    ['fraction qty', rows(['1', '2'], ['2.5', '1']), { '1.minQty': 'Enter a whole number' }],
    ['bad amount', rows(['1', '1.999']), { '0.amount': 'At most 2 decimal places for USD' }],
    ['empty amount', rows(['1', '']), { '0.amount': 'Enter an amount' }],
    ['negative amount', rows(['1', '-1']), { '0.amount': 'The amount cannot be negative' }],
  ])('%s', (_, input, errors) => {
    expect(checkTiers(input, 'USD').errors).toEqual(errors);
  });

  it('allows a zero price and caps the number of rows', () => {
    expect(checkTiers(rows(['1', '0']), 'USD').errors).toEqual({});
    const many = Array.from({ length: 21 }, (_, i) => ({ minQty: String(i + 1), amount: '1' }));
    expect(checkTiers(many, 'USD').errors).toEqual({ rows: 'At most 20 tiers per product' });
  });
});

describe('tier helpers', () => {
  it('suggests the next quantity', () => {
    expect(nextMinQty([])).toBe('1');
    expect(nextMinQty(rows(['1', '1']))).toBe('10');
    expect(nextMinQty(rows(['1', '1'], ['10', '1']))).toBe('20');
    expect(nextMinQty(rows(['x', '1']))).toBe('');
  });

  it('names ranges', () => {
    const t = [{ min_qty: 1 }, { min_qty: 10 }, { min_qty: 11 }, { min_qty: 50 }];
    expect([0, 1, 2, 3].map((i) => tierRange(t, i))).toEqual(['1–9', '10', '11–49', '50+']);
  });
});
