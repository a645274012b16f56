import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, type JsonResponse, type QueryParams, type Schemas } from './client';
import { request } from './errors';

/**
 * Catalogs in the back office: named selections of products for an audience
 * (and optionally customer groups) with a validity window and, per product,
 * an optional price of their own. The storefront reads `/api/v1/catalogs`
 * through `catalog.ts`.
 */
export type CatalogSummary = Schemas['catalog.Catalog'];
export type CatalogDetail = Schemas['catalog.CatalogDetail'];
export type CatalogRequest = Schemas['catalog.CatalogRequest'];
export type CatalogAudience = CatalogRequest['audience'];
/** A product as staff browse it (every status and audience, base prices). */
export type CatalogProduct = Schemas['catalog.Product'];
type ProductPage = JsonResponse<'/api/v1/products', 200>;
type BrowseQuery = QueryParams<'/api/v1/products'>;

export const catalogAudiences = ['b2b', 'b2c', 'both'] as const satisfies readonly CatalogAudience[];

export const catalogsKey = ['admin', 'catalogs'] as const;
const listKey = [...catalogsKey, 'list'] as const;

export const catalogsQuery = queryOptions({
  queryKey: listKey,
  queryFn: async ({ signal }): Promise<CatalogSummary[]> =>
    (await request(() => api.GET('/api/v1/admin/catalogs', { signal }))).items,
});

export function catalogKey(id: string) {
  return [...catalogsKey, 'one', id] as const;
}

export function catalogQuery(id: string) {
  return queryOptions({
    queryKey: catalogKey(id),
    queryFn: ({ signal }): Promise<CatalogDetail> =>
      request(() => api.GET('/api/v1/admin/catalogs/{id}', { params: { path: { id } }, signal })),
  });
}

/** Every list of catalogs (after a change, so lists show it). */
export const catalogListsKey = listKey;

export function createCatalog(body: CatalogRequest): Promise<CatalogDetail> {
  return request(() => api.POST('/api/v1/admin/catalogs', { body }));
}

/** `body.version` must be the version that was read; a stale one is refused with 409. */
export function updateCatalog(id: string, body: CatalogRequest): Promise<CatalogDetail> {
  return request(() => api.PUT('/api/v1/admin/catalogs/{id}', { params: { path: { id } }, body }));
}

const everyStatus: NonNullable<BrowseQuery['status']> = ['draft', 'active', 'archived'];

/**
 * The products of a catalog as staff see them (names, SKUs, base prices), so
 * the editor can show its items; the catalog itself only lists product IDs.
 * Follows the cursor to the end: a catalog holds at most 5000 products.
 */
export function catalogProductsQuery(catalogId: string) {
  return queryOptions({
    queryKey: [...catalogKey(catalogId), 'products'],
    queryFn: async ({ signal }): Promise<CatalogProduct[]> => {
      const query: BrowseQuery = { catalog: catalogId, status: everyStatus, sort: 'newest', page_size: 100 };
      const out: CatalogProduct[] = [];
      let cursor = '';
      do {
        const page: ProductPage = await request(() =>
          api.GET('/api/v1/products', { params: { query: cursor ? { ...query, cursor } : query }, signal }),
        );
        out.push(...page.items);
        cursor = page.next_cursor ?? '';
      } while (cursor);
      return out;
    },
  });
}

/** Products to add to a catalog: active and draft ones (drafts show up once activated), any audience. */
export function productPickerQuery(text: string) {
  const q = text.trim();
  const query: BrowseQuery = { status: ['active', 'draft'], page_size: 10, sort: q ? 'relevance' : 'newest' };
  if (q) query.q = q;
  return queryOptions({
    queryKey: [...catalogsKey, 'picker', q],
    queryFn: async ({ signal }): Promise<CatalogProduct[]> =>
      (await request(() => api.GET('/api/v1/products', { params: { query }, signal }))).items,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
