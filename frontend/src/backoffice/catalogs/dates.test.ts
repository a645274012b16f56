import { describe, expect, it } from 'vitest';
import { isoToLocalInput, localInputToIso } from './dates';

describe('datetime-local conversion', () => {
  it('round-trips through the browser’s time zone', () => {
    const iso = '2027-03-01T08:30:00.000Z';
    const local = isoToLocalInput(iso);
    expect(local).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(localInputToIso(local)).toBe(iso);
  });

  it('reads a local time as local', () => {
    const iso = localInputToIso('2027-03-01T09:30');
    const d = new Date(iso!);
    expect([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes()]).toEqual([2027, 2, 1, 9, 30]);
  });

  it('gives nothing for empty or impossible values', () => {
    expect(isoToLocalInput(null)).toBe('');
    expect(isoToLocalInput(undefined)).toBe('');
    expect(isoToLocalInput('not a date')).toBe('');
    expect(localInputToIso('')).toBeUndefined();
    expect(localInputToIso('2027-02-31T10:00')).toBeUndefined();
    expect(localInputToIso('tomorrow')).toBeUndefined();
  });
});
