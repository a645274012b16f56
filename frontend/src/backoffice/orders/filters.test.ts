import { describe, expect, it } from 'vitest';
import { queueQuery } from '../../api/adminOrders';
import { dateRangeError, defaultFilters, filterSearch, readFilters, refinementCount, sameFilters, validDate } from './filters';
import { loadViews, saveView, savedViewsKey, viewNameError } from './savedViews';

const read = (search: string) => readFilters(new URLSearchParams(search));

describe('queue filters', () => {
  it('reads a URL, ignoring values the API would reject', () => {
    expect(read('')).toEqual(defaultFilters);
    expect(read('view=nope&status=shipped&status=bogus&status=placed&status=placed&priority=asap&channel=fax&placed_from=2027-02-30&placed_to=2027-02-28&q=%20ord-1%20')).toEqual({
      ...defaultFilters,
      status: ['placed', 'shipped'],
      channel: 'fax',
      placedTo: '2027-02-28',
      q: 'ord-1',
    });
  });

  it('writes a fixed, minimal query string, so equal filters are equal links', () => {
    const filters = { ...defaultFilters, view: 'all' as const, status: ['shipped', 'placed'] as ('shipped' | 'placed')[], customer: 'C000001' };
    expect(filterSearch(filters).toString()).toBe('view=all&status=placed&status=shipped&customer=C000001');
    expect(filterSearch(defaultFilters).toString()).toBe('');
    expect(sameFilters(read('customer=C000001&view=all&status=shipped&status=placed'), filters)).toBe(true);
  });

  it('asks for the open statuses in “All open” unless statuses are chosen, and passes the server’s views on', () => {
    expect(queueQuery(defaultFilters)).toEqual({ status: ['placed', 'confirmed', 'processing', 'shipped'] });
    expect(queueQuery({ ...defaultFilters, status: ['delivered'] })).toEqual({ status: ['delivered'] });
    expect(queueQuery({ ...defaultFilters, view: 'all' })).toEqual({});
    expect(queueQuery({ ...defaultFilters, view: 'to_ship_today', priority: 'urgent', placedFrom: '2027-01-01' })).toEqual({
      view: 'to_ship_today',
      priority: ['urgent'],
      placed_from: '2027-01-01',
    });
  });

  it('checks dates and counts refinements', () => {
    expect(validDate('2027-02-29')).toBe('');
    expect(validDate('2028-02-29')).toBe('2028-02-29');
    expect(dateRangeError({ ...defaultFilters, placedFrom: '2027-02-01', placedTo: '2027-01-01' })).toMatch(/after/);
    expect(dateRangeError({ ...defaultFilters, placedFrom: '2027-01-01', placedTo: '2027-01-01' })).toBeNull();
    expect(refinementCount(read('status=placed&status=shipped&q=ORD&placed_from=2027-01-01&placed_to=2027-01-02'))).toBe(3);
  });
});

describe('saved views', () => {
  it('are kept per user, named once, and survive damaged storage', () => {
    window.localStorage.setItem(savedViewsKey('u1'), '{not json');
    expect(loadViews('u1')).toEqual([]);
    const views = saveView('u1', [], ' Urgent ', { ...defaultFilters, priority: 'urgent' });
    expect(loadViews('u1')).toEqual([{ name: 'Urgent', search: 'priority=urgent' }]);
    expect(loadViews('u2')).toEqual([]);
    expect(viewNameError('urgent', views)).toMatch(/already/);
    expect(viewNameError('  ', views)).toMatch(/name/);
    expect(viewNameError('x'.repeat(41), views)).toMatch(/40/);
    expect(viewNameError('Other', views)).toBeNull();
  });
});
