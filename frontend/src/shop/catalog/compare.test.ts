import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { comparePath, getCompareItems, parseCompareIds, setCompareItems, toggleCompareItem, useCompareItems } from './compare';

const a = { slug: 'a', name: 'A' };
const b = { slug: 'b', name: 'B' };
const c = { slug: 'c', name: 'C' };
const d = { slug: 'd', name: 'D' };
const e = { slug: 'e', name: 'E' };

describe('compare selection', () => {
  it('reads ids from the URL: trimmed, without duplicates, at most four', () => {
    expect(parseCompareIds(null)).toEqual([]);
    expect(parseCompareIds(' a, b,,a ,c')).toEqual(['a', 'b', 'c']);
    expect(parseCompareIds('a,b,c,d,e')).toEqual(['a', 'b', 'c', 'd']);
    expect(comparePath(['a', 'b c'])).toBe('/shop/compare?ids=a,b%20c');
    expect(comparePath([])).toBe('/shop/compare');
  });

  it('adds and removes, and refuses a fifth product', () => {
    expect(toggleCompareItem([], a)).toEqual({ list: [a], full: false });
    expect(toggleCompareItem([a, b], a)).toEqual({ list: [b], full: false });
    expect(toggleCompareItem([a, b, c, d], e)).toEqual({ list: [a, b, c, d], full: true });
    expect(toggleCompareItem([a, b, c, d], d)).toEqual({ list: [a, b, c], full: false });
  });

  it('keeps the pick in localStorage and tells every subscriber', () => {
    const { result } = renderHook(() => useCompareItems());
    expect(result.current).toEqual([]);
    act(() => setCompareItems([a, b]));
    expect(result.current).toEqual([a, b]);
    expect(JSON.parse(window.localStorage.getItem('oms.compare') ?? '')).toEqual([a, b]);
    // The same array until it changes (no render loop).
    expect(getCompareItems()).toBe(getCompareItems());
    act(() => setCompareItems([]));
    expect(result.current).toEqual([]);
    expect(window.localStorage.getItem('oms.compare')).toBeNull();
  });

  it('follows another tab and ignores a damaged entry', () => {
    const { result } = renderHook(() => useCompareItems());
    act(() => {
      window.localStorage.setItem('oms.compare', JSON.stringify([a, { slug: 1 }, 'x', c]));
      window.dispatchEvent(new StorageEvent('storage', { key: 'oms.compare' }));
    });
    expect(result.current).toEqual([a, c]);
    act(() => {
      window.localStorage.setItem('oms.compare', '{not json');
      window.dispatchEvent(new StorageEvent('storage', { key: 'oms.compare' }));
    });
    expect(result.current).toEqual([]);
  });
});
