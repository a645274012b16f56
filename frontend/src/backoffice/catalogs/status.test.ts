import { describe, expect, it } from 'vitest';
import { catalogStatus, validityText } from './status';

const now = new Date('2027-03-15T12:00:00Z');

describe('catalogStatus', () => {
  it.each([
    ['no window', {}, 'live'],
    ['inside the window', { valid_from: '2027-03-01T00:00:00Z', valid_to: '2027-04-01T00:00:00Z' }, 'live'],
    ['starts later', { valid_from: '2027-03-15T12:00:01Z' }, 'scheduled'],
    ['starts exactly now (from is inclusive)', { valid_from: '2027-03-15T12:00:00Z' }, 'live'],
    ['ends exactly now (to is exclusive)', { valid_to: '2027-03-15T12:00:00Z' }, 'ended'],
    ['ended yesterday', { valid_from: '2027-01-01T00:00:00Z', valid_to: '2027-03-14T12:00:00Z' }, 'ended'],
    ['ends a second later', { valid_to: '2027-03-15T12:00:01Z' }, 'live'],
    ['switched off, inside the window', { active: false, valid_from: '2027-03-01T00:00:00Z' }, 'inactive'],
    ['switched off, ended', { active: false, valid_to: '2027-01-01T00:00:00Z' }, 'inactive'],
    ['switched on, scheduled', { active: true, valid_from: '2028-01-01T00:00:00Z' }, 'scheduled'],
    ['null dates', { active: true, valid_from: null, valid_to: null }, 'live'],
  ] as const)('%s → %s', (_, window, expected) => {
    expect(catalogStatus(window, now)).toBe(expected);
  });
});

describe('validityText', () => {
  it('says when a window is open-ended', () => {
    expect(validityText({})).toBe('Always');
    expect(validityText({ valid_from: '2027-03-01T00:00:00Z' })).toMatch(/^From /);
    expect(validityText({ valid_to: '2027-03-01T00:00:00Z' })).toMatch(/^Until /);
    expect(validityText({ valid_from: '2027-03-01T00:00:00Z', valid_to: '2027-09-01T00:00:00Z' })).toContain(' – ');
  });
});
