import { describe, expect, it } from 'vitest';
import { isoToLocalInput, localInputToIso, validity, windowErrors, windowText } from './validity';

const now = new Date('2027-03-15T12:00:00Z');

describe('validity', () => {
  it.each([
    [{ active: true }, 'live'],
    [{ active: false }, 'inactive'],
    [{ active: false, valid_from: '2027-06-01T00:00:00Z' }, 'inactive'],
    [{ active: true, valid_from: '2027-06-01T00:00:00Z' }, 'scheduled'],
    [{ active: true, valid_from: '2027-03-15T12:00:00Z' }, 'live'], // from is inclusive
    [{ active: true, valid_to: '2027-03-15T12:00:00Z' }, 'ended'], // to is exclusive
    [{ active: true, valid_to: '2027-03-15T12:00:01Z' }, 'live'],
    [{ active: true, valid_from: '2027-01-01T00:00:00Z', valid_to: '2027-02-01T00:00:00Z' }, 'ended'],
    [{ active: true, valid_from: null, valid_to: null }, 'live'],
  ] as const)('%j → %s', (w, want) => {
    expect(validity(w, now)).toBe(want);
  });

  it('describes the window', () => {
    expect(windowText({})).toBe('Always');
    expect(windowText({ valid_from: '2027-06-01T12:00:00Z' })).toMatch(/^From /);
    expect(windowText({ valid_to: '2027-06-01T12:00:00Z' })).toMatch(/^Until /);
    expect(windowText({ valid_from: '2027-06-01T12:00:00Z', valid_to: '2027-07-01T12:00:00Z' })).toContain(' – ');
  });
});

describe('window inputs', () => {
  it('round-trips local input and ISO', () => {
    const iso = localInputToIso('2027-06-01T09:30');
    expect(iso).toBeDefined();
    expect(isoToLocalInput(iso)).toBe('2027-06-01T09:30');
    expect(localInputToIso('2027-02-31T09:30')).toBeUndefined();
    expect(localInputToIso('')).toBeUndefined();
    expect(isoToLocalInput(null)).toBe('');
  });

  it('checks the window', () => {
    expect(windowErrors('', '')).toEqual({});
    expect(windowErrors('2027-06-01T09:30', '2027-06-01T09:30')).toEqual({ validTo: 'The end must be after the start' });
    expect(windowErrors('nope', '')).toEqual({ validFrom: 'Enter a date and time, or leave it empty' });
    expect(windowErrors('2027-06-01T09:30', '2027-07-01T09:30')).toEqual({});
  });
});
