import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, type JsonRequest, type JsonResponse, type QueryParams, type Schemas } from './client';
import { request } from './errors';

/**
 * A customer's own orders: placing one (with an Idempotency-Key), the list,
 * one order with its timeline, cancelling. Every query key carries the
 * customer's id, so another login never sees these from the cache.
 */
export type Order = Schemas['ordering.Order'];
export type OrderLine = Schemas['ordering.Line'];
export type OrderEvent = Schemas['ordering.Event'];
export type OrderStatus = Schemas['ordering.Status'];
export type OrderPriority = Schemas['ordering.Priority'];
export type OrderTotals = Schemas['ordering.Totals'];
export type Address = Schemas['ordering.Address'];
export type Shipment = Schemas['ordering.Shipment'];
export type OrderReturn = Schemas['ordering.Return'];
export type ReturnRequest = Schemas['ordering.ReturnRequest'];
export type DocumentKind = Schemas['ordering.DocumentKind'];
export type DocumentLink = Schemas['ordering.DocumentLink'];
export type NotificationPrefs = Schemas['customers.NotificationPrefs'];
/** One order's override of the account's channels: true/false, or null to follow the account. */
export type OrderNotifications = Schemas['ordering.OrderNotifications'];
export type CheckoutOptions = JsonResponse<'/api/v1/orders/options', 200>;
export type PlaceRequest = JsonRequest<'/api/v1/orders', 'post'>;
export type OrderPage = JsonResponse<'/api/v1/orders', 200>;
export type OrderListQuery = QueryParams<'/api/v1/orders'>;

export function ordersKey(customerId: string) {
  return ['orders', customerId] as const;
}

export function orderKey(customerId: string, reference: string) {
  return [...ordersKey(customerId), 'one', reference.toUpperCase()] as const;
}

/** My orders, newest first, a page at a time ("Load more"). */
export function myOrdersQuery(customerId: string, query: Omit<OrderListQuery, 'cursor'>) {
  return infiniteQueryOptions({
    queryKey: [...ordersKey(customerId), 'list', query],
    queryFn: ({ pageParam, signal }): Promise<OrderPage> =>
      request(() => api.GET('/api/v1/orders', { params: { query: pageParam ? { ...query, cursor: pageParam } : query }, signal })),
    initialPageParam: '',
    getNextPageParam: (last) => last.next_cursor || undefined,
    placeholderData: keepPreviousData,
  });
}

/** One of my orders with its timeline (any case of the reference). */
export function orderQuery(customerId: string, reference: string) {
  return queryOptions({
    queryKey: orderKey(customerId, reference),
    queryFn: ({ signal }): Promise<Order> =>
      request(() => api.GET('/api/v1/orders/{reference}', { params: { path: { reference } }, signal })),
  });
}

/**
 * Places an order. `idempotencyKey` is a new random value per checkout
 * attempt, sent again unchanged when the same attempt is retried after a
 * network error or a 5xx: the server then answers with the first result
 * instead of placing the order twice.
 */
export function placeOrder(body: PlaceRequest, idempotencyKey: string): Promise<Order> {
  return request(() => api.POST('/api/v1/orders', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body }));
}

/** Cancels my order (while allowed_transitions contains "cancelled"); the note is optional. */
export function cancelOrder(reference: string, note: string): Promise<Order> {
  return request(() =>
    api.POST('/api/v1/orders/{reference}/cancel', { params: { path: { reference } }, body: note.trim() ? { note: note.trim() } : {} }),
  );
}

/** Asks to send back units of a delivered order (lines by SKU, and why); answers with the order. */
export function requestReturn(reference: string, body: ReturnRequest): Promise<Order> {
  return request(() => api.POST('/api/v1/orders/{reference}/returns', { params: { path: { reference } }, body }));
}

/**
 * A document of my order as a PDF (confirmation always, invoice once
 * shipped). Fetched with the session's token, so a plain link would not do.
 */
export function fetchOrderDocument(reference: string, kind: DocumentKind): Promise<Blob> {
  return request(() =>
    api.GET('/api/v1/orders/{reference}/documents/{kind}', { params: { path: { reference, kind } }, parseAs: 'blob' }),
  );
}

/** The checkout's address book: the account's address first, then recent distinct shipping addresses. */
export function addressBookQuery(customerId: string) {
  return queryOptions({
    queryKey: [...ordersKey(customerId), 'addresses'],
    queryFn: async ({ signal }): Promise<Address[]> => (await request(() => api.GET('/api/v1/orders/addresses', { signal }))).items,
    staleTime: 5 * 60_000,
  });
}

export function notificationPrefsKey(customerId: string) {
  return ['me', customerId, 'notifications'] as const;
}

/** Whether order updates come by email and by SMS (the "order placed" message always goes). */
export function notificationPrefsQuery(customerId: string) {
  return queryOptions({
    queryKey: notificationPrefsKey(customerId),
    queryFn: ({ signal }): Promise<NotificationPrefs> => request(() => api.GET('/api/v1/me/notifications', { signal })),
  });
}

export function setNotificationPrefs(body: NotificationPrefs): Promise<NotificationPrefs> {
  return request(() => api.PUT('/api/v1/me/notifications', { body }));
}

/**
 * Email and SMS updates for one order: on, off, or null to follow the
 * account's choice. Answers with what is now set.
 */
export function setOrderNotifications(reference: string, body: OrderNotifications): Promise<OrderNotifications> {
  return request(() => api.PUT('/api/v1/orders/{reference}/notifications', { params: { path: { reference } }, body }));
}

/** What checkout offers me: each priority's shipping surcharge (minor units of the cart's currency) and my payment terms. */
export function checkoutOptionsQuery(customerId: string) {
  return queryOptions({
    queryKey: [...ordersKey(customerId), 'options'],
    queryFn: ({ signal }): Promise<CheckoutOptions> => request(() => api.GET('/api/v1/orders/options', { signal })),
    staleTime: 5 * 60_000,
  });
}
