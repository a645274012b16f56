import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, type QueryParams, type Schemas } from './client';
import { request, requestNoContent } from './errors';

/**
 * Pricing in the back office: price lists with quantity tiers (for a customer
 * group, or one customer's contract), offers and coupons, and tax rates.
 * Amounts are integer minor units; percent offers are basis points.
 */
export type PriceList = Schemas['pricing.PriceList'];
export type PriceListRequest = Schemas['pricing.PriceListRequest'];
export type PriceListItem = Schemas['pricing.PriceListItem'];
export type PriceTier = Schemas['pricing.Tier'];
export type Offer = Schemas['pricing.Offer'];
export type OfferRequest = Schemas['pricing.OfferRequest'];
export type OfferKind = Offer['kind'];
export type OfferScope = Offer['scope'];
export type OfferAudience = Offer['audience'];
export type TaxRate = Schemas['pricing.TaxRate'];
export type TaxRateRequest = Schemas['pricing.TaxRateRequest'];
/** A product as staff browse it (base prices), to pick and to name list items. */
export type PricedProduct = Schemas['catalog.Product'];
export type ProductCategory = Schemas['catalog.Category'];
type BrowseQuery = QueryParams<'/api/v1/products'>;

export const pricingKey = ['admin', 'pricing'] as const;
export const priceListsKey = [...pricingKey, 'price-lists'] as const;
export const offersKey = [...pricingKey, 'offers'] as const;
export const taxRatesKey = [...pricingKey, 'tax-rates'] as const;

/** Follows next_cursor to the end (lists are small: tens of rows). */
async function allPages<T>(load: (cursor: string | undefined) => Promise<{ items: T[]; next_cursor?: string | null }>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await load(cursor);
    out.push(...page.items);
    cursor = page.next_cursor || undefined;
  } while (cursor);
  return out;
}

export const priceListsQuery = queryOptions({
  queryKey: [...priceListsKey, 'list'],
  queryFn: ({ signal }): Promise<PriceList[]> =>
    allPages((cursor) =>
      request(() => api.GET('/api/v1/admin/price-lists', { params: { query: { page_size: 100, cursor } }, signal })),
    ),
});

export function priceListKey(id: string) {
  return [...priceListsKey, 'one', id] as const;
}

export function priceListQuery(id: string) {
  return queryOptions({
    queryKey: priceListKey(id),
    queryFn: ({ signal }): Promise<PriceList> =>
      request(() => api.GET('/api/v1/admin/price-lists/{id}', { params: { path: { id } }, signal })),
  });
}

export function createPriceList(body: PriceListRequest): Promise<PriceList> {
  return request(() => api.POST('/api/v1/admin/price-lists', { body }));
}

/** `body.version` must be the version that was read; a stale one is refused with 409. */
export function updatePriceList(id: string, body: PriceListRequest): Promise<PriceList> {
  return request(() => api.PUT('/api/v1/admin/price-lists/{id}', { params: { path: { id } }, body }));
}

export function deletePriceList(id: string): Promise<void> {
  return requestNoContent(() => api.DELETE('/api/v1/admin/price-lists/{id}', { params: { path: { id } } }));
}

export const offersQuery = queryOptions({
  queryKey: [...offersKey, 'list'],
  queryFn: ({ signal }): Promise<Offer[]> =>
    allPages((cursor) => request(() => api.GET('/api/v1/admin/offers', { params: { query: { page_size: 100, cursor } }, signal }))),
});

export function offerKey(id: string) {
  return [...offersKey, 'one', id] as const;
}

export function offerQuery(id: string) {
  return queryOptions({
    queryKey: offerKey(id),
    queryFn: ({ signal }): Promise<Offer> => request(() => api.GET('/api/v1/admin/offers/{id}', { params: { path: { id } }, signal })),
  });
}

export function createOffer(body: OfferRequest): Promise<Offer> {
  return request(() => api.POST('/api/v1/admin/offers', { body }));
}

/** `body.version` must be the version that was read; a stale one is refused with 409. */
export function updateOffer(id: string, body: OfferRequest): Promise<Offer> {
  return request(() => api.PUT('/api/v1/admin/offers/{id}', { params: { path: { id } }, body }));
}

/** An offer that was already used cannot be deleted (409): switch it off instead. */
export function deleteOffer(id: string): Promise<void> {
  return requestNoContent(() => api.DELETE('/api/v1/admin/offers/{id}', { params: { path: { id } } }));
}

export const taxRatesQuery = queryOptions({
  queryKey: [...taxRatesKey, 'list'],
  queryFn: async ({ signal }): Promise<TaxRate[]> => (await request(() => api.GET('/api/v1/admin/tax-rates', { signal }))).items,
});

/** Admin only. Creates the class when it does not exist yet. */
export function setTaxRate(taxClass: string, body: TaxRateRequest): Promise<TaxRate> {
  return request(() => api.PUT('/api/v1/admin/tax-rates/{class}', { params: { path: { class: taxClass } }, body }));
}

/** Active products matching the text, to add to a list or to aim an offer at. */
export function pricingProductSearch(text: string) {
  const q = text.trim();
  const query: BrowseQuery = { status: ['active'], page_size: 10, sort: 'relevance', q };
  return queryOptions({
    queryKey: [...pricingKey, 'product-search', q],
    queryFn: async ({ signal }): Promise<PricedProduct[]> =>
      (await request(() => api.GET('/api/v1/products', { params: { query }, signal }))).items,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** One product by id, to name the items of a list and the target of an offer. */
export function pricingProductQuery(id: string) {
  return queryOptions({
    queryKey: [...pricingKey, 'product', id],
    queryFn: ({ signal }): Promise<PricedProduct> =>
      request(() => api.GET('/api/v1/products/{ref}', { params: { path: { ref: id } }, signal })),
    staleTime: 5 * 60_000,
  });
}

export const pricingCategoriesQuery = queryOptions({
  queryKey: ['catalog', 'categories'],
  queryFn: async ({ signal }): Promise<ProductCategory[]> =>
    (await request(() => api.GET('/api/v1/categories', { signal }))).items,
  staleTime: 5 * 60_000,
});
