import { describe, expect, it } from 'vitest';
import { catalogPriceText, parseCatalogPrice } from './price';

describe('parseCatalogPrice', () => {
  it.each([
    ['', 'USD', undefined],
    ['   ', 'USD', undefined],
    ['12.99', 'USD', 1299],
    ['0.29', 'USD', 29], // 0.29 * 100 is 28.999999999999996 in floating point
    ['1,234.50', 'USD', 123450],
    ['12,5', 'EUR', 1250],
    ['0', 'USD', 0],
    ['1299', 'JPY', 1299],
    ['1.234', 'KWD', 1234],
    ['9007199254740.99', 'USD', 900719925474099],
  ] as const)('%j %s → %s', (text, currency, amount) => {
    expect(parseCatalogPrice(text, currency)).toEqual({ ok: true, amount });
  });

  it.each([
    ['-1', 'USD', /negative/],
    ['12.999', 'USD', /2 decimal places/],
    ['12.5', 'JPY', /no decimal places/],
    ['abc', 'USD', /like 12.99/],
    ['1e3', 'USD', /like 12.99/],
    ['99999999999999999', 'USD', /too large/],
  ] as const)('refuses %j (%s)', (text, currency, error) => {
    const parsed = parseCatalogPrice(text, currency);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(error);
  });
});

describe('catalogPriceText', () => {
  it('shows minor units as a decimal, and nothing for no price', () => {
    expect(catalogPriceText(1299, 'USD')).toBe('12.99');
    expect(catalogPriceText(5, 'USD')).toBe('0.05');
    expect(catalogPriceText(1299, 'JPY')).toBe('1299');
    expect(catalogPriceText(null, 'USD')).toBe('');
    expect(catalogPriceText(undefined, 'USD')).toBe('');
  });
});
