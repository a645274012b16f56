import { describe, expect, it } from 'vitest';
import { formatMoney, fractionDigits, minorToDecimal, parseMoney } from './money';

describe('parseMoney', () => {
  it.each([
    ['12.99', 'USD', 1299],
    ['0.29', 'USD', 29], // 0.29 * 100 is 28.999999999999996 in floating point
    ['1.005', 'KWD', 1005],
    ['19.9', 'USD', 1990],
    ['19.', 'USD', 1900],
    ['.5', 'USD', 50],
    ['7', 'USD', 700],
    ['0', 'USD', 0],
    ['1,234.50', 'USD', 123450],
    ['1 234.50', 'EUR', 123450],
    ['12,5', 'EUR', 1250],
    ['12,50', 'EUR', 1250],
    ['1,234', 'USD', 123400],
    ['1299', 'JPY', 1299],
    [' 4.20 ', 'USD', 420],
    ['90071992547409.91', 'USD', 9007199254740991],
  ])('%s %s → %i minor units', (input, currency, amount) => {
    expect(parseMoney(input, currency)).toEqual({ ok: true, amount });
  });

  it.each([
    ['', 'USD', 'Enter a price'],
    ['-1', 'USD', 'The price cannot be negative'],
    ['abc', 'USD', 'Enter a price like 12.99'],
    ['1.2.3', 'USD', 'Enter a price like 12.99'],
    ['.', 'USD', 'Enter a price like 12.99'],
    ['1e3', 'USD', 'Enter a price like 12.99'],
    ['12.999', 'USD', 'At most 2 decimal places for USD'],
    ['12.5', 'JPY', 'JPY has no decimal places'],
    ['90071992547409.92', 'USD', 'The price is too large'],
  ])('rejects %j (%s): %s', (input, currency, error) => {
    expect(parseMoney(input, currency)).toEqual({ ok: false, error });
  });
});

describe('minor units back to text', () => {
  it('knows the decimal places of a currency', () => {
    expect(fractionDigits('USD')).toBe(2);
    expect(fractionDigits('JPY')).toBe(0);
    expect(fractionDigits('KWD')).toBe(3);
    expect(fractionDigits('NOPE')).toBe(2);
  });

  it.each([
    [1299, 'USD', '12.99'],
    [5, 'USD', '0.05'],
    [0, 'USD', '0.00'],
    [1299, 'JPY', '1299'],
    [1005, 'KWD', '1.005'],
  ])('%i %s → %s', (amount, currency, text) => {
    expect(minorToDecimal(amount, currency)).toBe(text);
    expect(parseMoney(text, currency)).toEqual({ ok: true, amount });
  });

  it('formats for people with the currency', () => {
    expect(formatMoney(1299, 'USD')).toMatch(/12\.99|12,99/);
    expect(formatMoney(1299, 'USD')).toMatch(/\$|USD/);
  });
});
