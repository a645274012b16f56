import { describe, expect, it } from 'vitest';
import { countFilters, effectiveSort, emptyFilters, hasFilters, readShopFilters, shopPath, shopSearch, toProductQuery } from './filters';

const read = (qs: string) => readShopFilters(new URLSearchParams(qs));

describe('shop filters in the URL', () => {
  it('reads every filter', () => {
    expect(read('q=+drill+&category=power-tools&catalog=spring&min=10&max=99.5&in_stock=1&sort=price_asc')).toEqual({
      q: 'drill',
      category: 'power-tools',
      catalog: 'spring',
      min: 10,
      max: 99.5,
      inStock: true,
      sort: 'price_asc',
    });
  });

  it('ignores values that make no sense and swaps a reversed price range', () => {
    expect(read('min=abc&max=-5&sort=cheapest&in_stock=yes')).toEqual(emptyFilters);
    expect(read('min=50&max=10')).toMatchObject({ min: 10, max: 50 });
    expect(read('')).toEqual(emptyFilters);
  });

  it('writes only what differs from the defaults, in a stable order', () => {
    expect(shopSearch(emptyFilters).toString()).toBe('');
    expect(shopSearch({ ...emptyFilters, sort: 'newest', inStock: true, q: ' saw ', max: 100, min: 0 }).toString()).toBe(
      'q=saw&min=0&max=100&in_stock=1&sort=newest',
    );
    expect(shopPath({ category: 'garden' })).toBe('/shop?category=garden');
    expect(shopPath()).toBe('/shop');
  });

  it('round-trips through the URL', () => {
    const filters = { q: 'hose 30m', category: 'garden', catalog: '', min: 5, max: 50, inStock: true, sort: 'price_desc' as const };
    expect(readShopFilters(shopSearch(filters))).toEqual(filters);
  });

  it('sorts by relevance only when there is search text', () => {
    expect(effectiveSort(read('q=drill'))).toBe('relevance');
    expect(effectiveSort(read(''))).toBe('newest');
    expect(effectiveSort(read('sort=relevance'))).toBe('newest');
    expect(effectiveSort(read('q=drill&sort=price_asc'))).toBe('price_asc');
  });

  it('turns the filters into the API query with prices in minor units', () => {
    expect(toProductQuery(read('q=drill&category=power-tools&min=10&max=99.99&in_stock=1'), 'USD')).toEqual({
      q: 'drill',
      category: 'power-tools',
      min_price: 1000,
      max_price: 9999,
      in_stock: true,
      sort: 'relevance',
      page_size: 24,
    });
    expect(toProductQuery(read('catalog=spring&max=1000'), 'JPY')).toEqual({ catalog: 'spring', max_price: 1000, sort: 'newest', page_size: 24 });
  });

  it('counts the filters for the phone’s "Filters (n)" button', () => {
    expect(hasFilters(emptyFilters)).toBe(false);
    expect(hasFilters(read('q=x'))).toBe(true);
    expect(hasFilters(read('sort=price_asc'))).toBe(false);
    expect(countFilters(read('q=x&category=a&min=1&max=2&in_stock=1'))).toBe(3);
  });
});
