import { describe, expect, it } from 'vitest';
import { currencySymbol, formatMoney, fractionDigits, fromMinor, toMinor } from './money';

describe('money', () => {
  it('formats minor units with the currency’s own number of decimals', () => {
    expect(formatMoney({ amount: 1299, currency: 'USD' }, 'en-US')).toBe('$12.99');
    expect(formatMoney({ amount: 1299, currency: 'JPY' }, 'en-US')).toBe('¥1,299');
    expect(formatMoney({ amount: 1234567, currency: 'EUR' }, 'de-DE')).toBe('12.345,67\u00a0€');
    expect(formatMoney({ amount: 1500, currency: 'KWD' }, 'en-US')).toBe('KWD\u00a01.500');
    expect(formatMoney({ amount: 0, currency: 'USD' }, 'en-US')).toBe('$0.00');
  });

  it('survives an unknown currency code', () => {
    expect(formatMoney({ amount: 1299, currency: 'XX1' }, 'en-US')).toBe('12.99 XX1');
  });

  it('converts between major and minor units', () => {
    expect(fractionDigits('USD')).toBe(2);
    expect(fractionDigits('JPY')).toBe(0);
    expect(fractionDigits('BHD')).toBe(3);
    expect(toMinor(12.99, 'USD')).toBe(1299);
    expect(toMinor(0.1 + 0.2, 'USD')).toBe(30);
    expect(toMinor(1299, 'JPY')).toBe(1299);
    expect(fromMinor(1299, 'USD')).toBe(12.99);
  });

  it('gives the symbol for a price input', () => {
    expect(currencySymbol('USD', 'en-US')).toBe('$');
    expect(currencySymbol('EUR', 'en-US')).toBe('€');
  });
});
