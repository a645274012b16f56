import { queryOptions } from '@tanstack/react-query';
import { api, type JsonRequest, type Schemas } from './client';
import { request, requestNoContent } from './errors';

/**
 * The customer's cart. It lives on the server (it follows the customer
 * across devices) and is priced for them each time it is read; each line says
 * what would stop it being ordered as it is (stock, minimum, pack size).
 * Every query key carries the customer's id: another login never sees this
 * cart from the cache.
 */
export type Cart = Schemas['ordering.Cart'];
export type CartLine = Schemas['ordering.CartLine'];
export type CartTotals = Schemas['ordering.Totals'];
export type Quote = Schemas['pricing.Quote'];
export type QuoteRequest = JsonRequest<'/api/v1/quote', 'post'>;

export function cartKey(customerId: string) {
  return ['cart', customerId] as const;
}

export function cartQuery(customerId: string) {
  return queryOptions({
    queryKey: cartKey(customerId),
    queryFn: ({ signal }): Promise<Cart> => request(() => api.GET('/api/v1/cart', { signal })),
    staleTime: 15_000,
  });
}

/** Sets a product's quantity (0 takes it out); answers with the cart priced again. */
export function setCartItem(sku: string, quantity: number): Promise<Cart> {
  return request(() => api.PUT('/api/v1/cart/items/{sku}', { params: { path: { sku } }, body: { quantity } }));
}

export function removeCartItem(sku: string): Promise<Cart> {
  return request(() => api.DELETE('/api/v1/cart/items/{sku}', { params: { path: { sku } } }));
}

export function clearCart(): Promise<void> {
  return requestNoContent(() => api.DELETE('/api/v1/cart'));
}

/**
 * Prices items for the caller, with an optional coupon: the checkout's
 * preview. A coupon that cannot be used is a 422 on `coupon_code` saying why.
 */
export function quote(body: QuoteRequest, signal?: AbortSignal): Promise<Quote> {
  return request(() => api.POST('/api/v1/quote', { body, signal }));
}
