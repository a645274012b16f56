import type { ProductQuery, ProductSort } from '../../api/catalog';
import { toMinor } from './money';

/**
 * What the shop's product list shows, as it stands in the page's URL
 * (`/shop?q=drill&category=power-tools&max=100&in_stock=1&sort=price_asc`),
 * so a search can be bookmarked, shared, reloaded and gone back to.
 * Prices are in major units in the URL ("max=100" is $100), minor units in the API.
 */
export interface ShopFilters {
  q: string;
  category: string;
  catalog: string;
  min: number | null;
  max: number | null;
  inStock: boolean;
  /** Empty: the default (relevance when searching, newest otherwise). */
  sort: ProductSort | '';
}

export const emptyFilters: ShopFilters = { q: '', category: '', catalog: '', min: null, max: null, inStock: false, sort: '' };

export const sortOptions: { value: ProductSort; label: string }[] = [
  { value: 'relevance', label: 'Best match' },
  { value: 'newest', label: 'Newest first' },
  { value: 'price_asc', label: 'Price: low to high' },
  { value: 'price_desc', label: 'Price: high to low' },
];

const sorts = new Set<string>(sortOptions.map((o) => o.value));

/** The page size of the list: divisible by 2, 3 and 4 so full rows fill every grid width. */
export const pageSize = 24;

function readPrice(value: string | null): number | null {
  if (value === null || value.trim() === '') {
    return null;
  }
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** The filters in a URL. Unknown parameters and values that make no sense are ignored. */
export function readShopFilters(params: URLSearchParams): ShopFilters {
  const sort = params.get('sort') ?? '';
  let min = readPrice(params.get('min'));
  let max = readPrice(params.get('max'));
  if (min !== null && max !== null && min > max) {
    [min, max] = [max, min];
  }
  return {
    q: (params.get('q') ?? '').trim(),
    category: (params.get('category') ?? '').trim(),
    catalog: (params.get('catalog') ?? '').trim(),
    min,
    max,
    inStock: params.get('in_stock') === '1' || params.get('in_stock') === 'true',
    sort: sorts.has(sort) ? (sort as ProductSort) : '',
  };
}

/** The query string for `filters`, in a stable order; defaults are left out. */
export function shopSearch(filters: Partial<ShopFilters>): URLSearchParams {
  const params = new URLSearchParams();
  const q = filters.q?.trim();
  if (q) params.set('q', q);
  if (filters.category) params.set('category', filters.category);
  if (filters.catalog) params.set('catalog', filters.catalog);
  if (filters.min !== null && filters.min !== undefined) params.set('min', String(filters.min));
  if (filters.max !== null && filters.max !== undefined) params.set('max', String(filters.max));
  if (filters.inStock) params.set('in_stock', '1');
  if (filters.sort) params.set('sort', filters.sort);
  return params;
}

/** "/shop?…" for `filters`. */
export function shopPath(filters: Partial<ShopFilters> = {}): string {
  const search = shopSearch(filters).toString();
  return search ? `/shop?${search}` : '/shop';
}

/** The sort the list really uses: relevance needs search text. */
export function effectiveSort(filters: ShopFilters): ProductSort {
  if (filters.sort === 'relevance') {
    return filters.q ? 'relevance' : 'newest';
  }
  return filters.sort || (filters.q ? 'relevance' : 'newest');
}

/** The API's query for `filters`; `currency` converts the price range to minor units. */
export function toProductQuery(filters: ShopFilters, currency: string): Omit<ProductQuery, 'cursor'> {
  const query: Omit<ProductQuery, 'cursor'> = { sort: effectiveSort(filters), page_size: pageSize };
  if (filters.q) query.q = filters.q;
  if (filters.category) query.category = filters.category;
  if (filters.catalog) query.catalog = filters.catalog;
  if (filters.min !== null) query.min_price = toMinor(filters.min, currency);
  if (filters.max !== null) query.max_price = toMinor(filters.max, currency);
  if (filters.inStock) query.in_stock = true;
  return query;
}

/** Whether anything narrows the list (the sort does not). */
export function hasFilters(filters: ShopFilters): boolean {
  return Boolean(filters.q || filters.category || filters.catalog || filters.min !== null || filters.max !== null || filters.inStock);
}

/** How many filters besides the search text are on (for the "Filters (2)" button). */
export function countFilters(filters: ShopFilters): number {
  return [filters.category, filters.catalog, filters.min !== null || filters.max !== null, filters.inStock].filter(Boolean).length;
}
