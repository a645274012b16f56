import { audiences, productStatuses, type Audience, type ProductFilters, type ProductStatus } from '../../api/adminCatalog';

export const noFilters: ProductFilters = { q: '', status: '', audience: '', category: '' };

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | '' {
  return allowed.includes(value as T) ? (value as T) : '';
}

/** The filters in the list page's URL; unknown values are ignored. */
export function readProductFilters(params: URLSearchParams): ProductFilters {
  return {
    q: (params.get('q') ?? '').trim(),
    status: oneOf<ProductStatus>(params.get('status'), productStatuses),
    audience: oneOf<Audience>(params.get('audience'), audiences),
    category: (params.get('category') ?? '').trim(),
  };
}

/** The query string for `filters`; empty values are left out. */
export function productSearch(filters: ProductFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of ['q', 'status', 'audience', 'category'] as const) {
    const value = filters[name].trim();
    if (value) params.set(name, value);
  }
  return params;
}

export function hasProductFilters(filters: ProductFilters): boolean {
  return Object.values(filters).some((v) => v !== '');
}
