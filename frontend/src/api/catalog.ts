import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, type JsonResponse, type QueryParams, type Schemas } from './client';
import { request } from './errors';

/**
 * The storefront's reads of the catalog. Prices and visibility depend on who
 * asks (guest, consumer, business), so every query key starts with the
 * viewer: a login or logout never shows another caller's prices from the cache.
 */
export type Product = Schemas['catalog.Product'];
export type Category = Schemas['catalog.Category'];
export type Catalog = Schemas['catalog.Catalog'];
export type Spec = Schemas['catalog.Spec'];
export type Tier = Schemas['catalog.Tier'];
export type Money = Schemas['Money'];
export type Offer = Schemas['pricing.PublicOffer'];
export type ProductPage = JsonResponse<'/api/v1/products', 200>;
export type ProductQuery = QueryParams<'/api/v1/products'>;
export type ProductSort = NonNullable<ProductQuery['sort']>;

/** "guest", or the logged-in user's id. */
export type ViewerKey = string;

const catalogKey = (viewer: ViewerKey) => ['catalog', viewer] as const;

export const categoriesQuery = queryOptions({
  // Categories are the same for everyone.
  queryKey: ['catalog', 'categories'],
  queryFn: async ({ signal }): Promise<Category[]> =>
    (await request(() => api.GET('/api/v1/categories', { signal }))).items,
  staleTime: 5 * 60_000,
});

export function catalogsQuery(viewer: ViewerKey) {
  return queryOptions({
    queryKey: [...catalogKey(viewer), 'catalogs'],
    queryFn: async ({ signal }): Promise<Catalog[]> =>
      (await request(() => api.GET('/api/v1/catalogs', { signal }))).items,
    staleTime: 5 * 60_000,
  });
}

/** One page of products (the home page's shelves). */
export function productListQuery(viewer: ViewerKey, query: ProductQuery) {
  return queryOptions({
    queryKey: [...catalogKey(viewer), 'products', 'list', query],
    queryFn: ({ signal }): Promise<ProductPage> =>
      request(() => api.GET('/api/v1/products', { params: { query }, signal })),
    staleTime: 60_000,
  });
}

/** Search results with "load more" (cursor pages). */
export function productSearchQuery(viewer: ViewerKey, query: Omit<ProductQuery, 'cursor'>) {
  return infiniteQueryOptions({
    queryKey: [...catalogKey(viewer), 'products', 'search', query],
    queryFn: ({ pageParam, signal }): Promise<ProductPage> =>
      request(() =>
        api.GET('/api/v1/products', { params: { query: pageParam ? { ...query, cursor: pageParam } : query }, signal }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.next_cursor || undefined,
    // While the next search runs, the previous results stay (dimmed) instead of a blank page.
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** A product by id or slug. */
export function productQuery(viewer: ViewerKey, ref: string) {
  return queryOptions({
    queryKey: [...catalogKey(viewer), 'product', ref],
    queryFn: ({ signal }): Promise<Product> =>
      request(() => api.GET('/api/v1/products/{ref}', { params: { path: { ref } }, signal })),
    staleTime: 60_000,
  });
}

/** Automatic offers (no coupon code) the caller gets now. */
export function offersQuery(viewer: ViewerKey) {
  return queryOptions({
    queryKey: [...catalogKey(viewer), 'offers'],
    queryFn: async ({ signal }): Promise<Offer[]> => (await request(() => api.GET('/api/v1/offers', { signal }))).items,
    staleTime: 5 * 60_000,
  });
}
