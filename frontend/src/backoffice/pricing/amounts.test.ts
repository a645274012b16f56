import { describe, expect, it } from 'vitest';
import { basisPointsToPercent, decimalToMinor, minorToDecimal, parseWhole, percentToBasisPoints } from './amounts';

describe('decimalToMinor', () => {
  it.each([
    ['12.99', 'USD', 1299],
    ['0.29', 'USD', 29],
    ['1.1', 'USD', 110],
    ['10', 'USD', 1000],
    ['.5', 'USD', 50],
    ['1,234.50', 'USD', 123450],
    ['12,5', 'EUR', 1250],
    ['1 234', 'EUR', 123400],
    ['1299', 'JPY', 1299],
    ['1.234', 'KWD', 1234],
    ['0', 'USD', 0],
    ['9007199254740.99', 'USD', 900719925474099],
  ])('%s %s → %d', (input, currency, want) => {
    expect(decimalToMinor(input, currency)).toEqual({ ok: true, value: want });
  });

  it.each([
    ['', 'USD', 'Enter an amount'],
    ['-1', 'USD', 'cannot be negative'],
    ['1.999', 'USD', 'At most 2 decimal places'],
    ['12.5', 'JPY', 'JPY has no decimal places'],
    ['abc', 'USD', 'Enter an amount like 12.99'],
    ['1e3', 'USD', 'Enter an amount like'],
    ['.', 'USD', 'Enter an amount like'],
    ['90071992547409.93', 'USD', 'too large'],
  ])('refuses %j (%s)', (input, currency, error) => {
    const got = decimalToMinor(input, currency);
    expect(got.ok).toBe(false);
    if (!got.ok) expect(got.error).toContain(error);
  });

  it('round-trips through minorToDecimal', () => {
    for (const [amount, currency] of [[1299, 'USD'], [5, 'USD'], [0, 'EUR'], [1299, 'JPY'], [1, 'KWD']] as const) {
      expect(decimalToMinor(minorToDecimal(amount, currency), currency)).toEqual({ ok: true, value: amount });
    }
    expect(minorToDecimal(5, 'USD')).toBe('0.05');
    expect(minorToDecimal(1, 'KWD')).toBe('0.001');
    expect(minorToDecimal(1299, 'JPY')).toBe('1299');
  });
});

describe('percent ↔ basis points', () => {
  it.each([
    ['10', 1000],
    ['12.5', 1250],
    ['0.01', 1],
    ['100', 10000],
    ['7,5', 750],
    ['15%', 1500],
  ])('%s%% → %d bp', (input, bp) => {
    expect(percentToBasisPoints(input)).toEqual({ ok: true, value: bp });
  });

  it.each([
    ['', 'Enter a percentage'],
    ['0', 'more than 0'],
    ['100.01', 'at most 100'],
    ['12345', 'at most 100'],
    ['1.005', 'At most 2 decimal places'],
    ['-5', 'cannot be negative'],
    ['ten', 'like 10'],
  ])('refuses %j', (input, error) => {
    const got = percentToBasisPoints(input);
    expect(got.ok).toBe(false);
    if (!got.ok) expect(got.error).toContain(error);
  });

  it.each([
    [1000, '10'],
    [1250, '12.5'],
    [1234, '12.34'],
    [5, '0.05'],
    [10000, '100'],
  ])('%d bp → %s', (bp, text) => {
    expect(basisPointsToPercent(bp)).toBe(text);
    expect(percentToBasisPoints(text)).toEqual({ ok: true, value: bp });
  });
});

describe('tax percentages', () => {
  it('allow 0 and up to 1000%', () => {
    expect(percentToBasisPoints('0', 0, 100000)).toEqual({ ok: true, value: 0 });
    expect(percentToBasisPoints('250', 0, 100000)).toEqual({ ok: true, value: 25000 });
    expect(percentToBasisPoints('1000.01', 0, 100000)).toEqual({ ok: false, error: 'The percentage must be at most 1000' });
  });
});

describe('parseWhole', () => {
  it('accepts whole numbers from the minimum', () => {
    expect(parseWhole(' 3 ', 1, 'Uses')).toEqual({ ok: true, value: 3 });
    expect(parseWhole('0', 1, 'Uses')).toEqual({ ok: false, error: 'Uses must be at least 1' });
    expect(parseWhole('1.5', 1, 'Uses')).toEqual({ ok: false, error: 'Uses must be a whole number' });
  });
});
