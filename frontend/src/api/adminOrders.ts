import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, type JsonBody, type JsonRequest, type QueryParams, type Schemas } from './client';
import { ApiError, request } from './errors';

/**
 * Orders in the back office: the queue (urgent first, then oldest), one order
 * with its timeline, shipments and returns, status changes, bulk confirm, the
 * CSV export, PDF documents, and orders staff enter for a customer.
 *
 * Every change carries the `version` that was read; a stale one is refused
 * with 409 (someone else changed the order meanwhile).
 */
export type Order = Schemas['ordering.Order'];
export type OrderPage = Schemas['ordering.OrderPage'];
export type OrderStatus = Order['status'];
export type OrderPriority = Order['priority'];
export type OrderChannel = Order['channel'];
export type OrderLine = Schemas['ordering.Line'];
export type OrderEvent = Schemas['ordering.Event'];
export type OrderAddress = Schemas['ordering.Address'];
export type Shipment = Schemas['ordering.Shipment'];
export type OrderReturn = Schemas['ordering.Return'];
export type OrderDocument = NonNullable<Order['documents']>[number];
export type DocumentKind = OrderDocument['kind'];
export type StaffPlaceRequest = Schemas['ordering.StaffPlaceRequest'];
/** The channels staff enter orders through (web and api are the customers' own). */
export type EntryChannel = StaffPlaceRequest['channel'];
export type StatusRequest = Schemas['ordering.StatusRequest'];
export type ShipmentRequest = JsonRequest<'/api/v1/admin/orders/{reference}/shipments', 'post'>;
export type ReturnActionRequest = JsonRequest<'/api/v1/admin/orders/{reference}/returns/{number}/{action}', 'post'>;
export type ReturnAction = 'accept' | 'reject' | 'receive';
export type BulkStatusRequest = JsonRequest<'/api/v1/admin/orders/bulk-status', 'post'>;
export type BulkStatusResponse = JsonBody<'/api/v1/admin/orders/bulk-status', 'post', 200>;
export type BulkStatusResult = BulkStatusResponse['results'][number];
type QueueQuery = QueryParams<'/api/v1/admin/orders'>;

// `satisfies` keeps these lists in step with the generated enums.
export const orderStatuses = [
  'placed',
  'confirmed',
  'processing',
  'shipped',
  'delivered',
  'cancelled',
  'returned',
] as const satisfies readonly OrderStatus[];
export const orderPriorities = ['urgent', 'express', 'standard'] as const satisfies readonly OrderPriority[];
export const orderChannels = ['web', 'api', 'phone', 'email', 'fax', 'staff'] as const satisfies readonly OrderChannel[];
export const entryChannels = ['phone', 'email', 'fax', 'staff'] as const satisfies readonly EntryChannel[];
/** Orders someone still has to work on or deliver. */
export const openStatuses = ['placed', 'confirmed', 'processing', 'shipped'] as const satisfies readonly OrderStatus[];

/**
 * A named selection of the queue: `open` and `all` are chosen here, the
 * others are the server's saved views (`view=`).
 */
export const queueViews = ['open', 'to_confirm', 'to_ship_today', 'all'] as const;
export type QueueView = (typeof queueViews)[number];

/** The queue's filters, as the page's URL carries them. */
export interface QueueFilters {
  view: QueueView;
  status: OrderStatus[];
  priority: OrderPriority | '';
  channel: OrderChannel | '';
  /** Login ID or email. */
  customer: string;
  /** YYYY-MM-DD, inclusive. */
  placedFrom: string;
  placedTo: string;
  /** A reference, or its beginning. */
  q: string;
}

const pageSize = 25;
/** New orders arrive all the time: the queue asks again while it is on screen. */
export const queueRefreshMs = 30_000;

/** The API's query for the filters (the list and the CSV export ask the same). */
export function queueQuery(filters: QueueFilters): QueueQuery {
  const query: QueueQuery = {};
  if (filters.view === 'to_confirm' || filters.view === 'to_ship_today') query.view = filters.view;
  if (filters.status.length > 0) query.status = [...filters.status];
  else if (filters.view === 'open') query.status = [...openStatuses];
  if (filters.priority) query.priority = [filters.priority];
  if (filters.channel) query.channel = [filters.channel];
  if (filters.customer) query.customer = filters.customer;
  if (filters.placedFrom) query.placed_from = filters.placedFrom;
  if (filters.placedTo) query.placed_to = filters.placedTo;
  if (filters.q) query.q = filters.q;
  return query;
}

export const adminOrdersKey = ['admin', 'orders'] as const;

export function orderQueueQuery(filters: QueueFilters) {
  const query = queueQuery(filters);
  return infiniteQueryOptions({
    queryKey: [...adminOrdersKey, 'queue', query],
    queryFn: ({ pageParam, signal }): Promise<OrderPage> =>
      request(() =>
        api.GET('/api/v1/admin/orders', {
          params: { query: { ...query, page_size: pageSize, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    initialPageParam: '',
    // The API sends `next_cursor: null` on the last page.
    getNextPageParam: (last) => last.next_cursor || undefined,
    placeholderData: keepPreviousData,
    // Only while the tab is visible; a 4xx (a filter the API rejects) gets the same answer again.
    refetchInterval: (q) => (q.state.error instanceof ApiError && q.state.error.status >= 400 && q.state.error.status < 500 ? false : queueRefreshMs),
  });
}

export function adminOrderKey(reference: string) {
  return [...adminOrdersKey, 'one', reference.toUpperCase()] as const;
}

export function adminOrderQuery(reference: string) {
  return queryOptions({
    queryKey: adminOrderKey(reference),
    queryFn: ({ signal }): Promise<Order> =>
      request(() => api.GET('/api/v1/admin/orders/{reference}', { params: { path: { reference } }, signal })),
  });
}

/** `body.version` must be the version that was read; a stale one is refused with 409. */
export function changeOrderStatus(reference: string, body: StatusRequest): Promise<Order> {
  return request(() => api.POST('/api/v1/admin/orders/{reference}/status', { params: { path: { reference } }, body }));
}

/** Confirms (or otherwise moves) many orders; each one succeeds or fails on its own. */
export function bulkOrderStatus(body: BulkStatusRequest): Promise<BulkStatusResponse> {
  return request(() => api.POST('/api/v1/admin/orders/bulk-status', { body }));
}

/** Only while the order is processing; without `lines` everything not yet shipped goes. */
export function createShipment(reference: string, body: ShipmentRequest): Promise<Order> {
  return request(() => api.POST('/api/v1/admin/orders/{reference}/shipments', { params: { path: { reference } }, body }));
}

export function markShipmentDelivered(reference: string, number: number, version: number): Promise<Order> {
  return request(() =>
    api.POST('/api/v1/admin/orders/{reference}/shipments/{number}/delivered', {
      params: { path: { reference, number } },
      body: { version },
    }),
  );
}

/** Accept or reject a requested return, or receive an accepted one (`restock` puts the units back on hand). */
export function decideReturn(reference: string, number: number, action: ReturnAction, body: ReturnActionRequest): Promise<Order> {
  return request(() =>
    api.POST('/api/v1/admin/orders/{reference}/returns/{number}/{action}', {
      params: { path: { reference, number, action } },
      body,
    }),
  );
}

/** The filtered queue as CSV (the request carries the session's token, so a plain link would not do). */
export function fetchOrdersCsv(filters: QueueFilters): Promise<Blob> {
  return request(() =>
    api.GET('/api/v1/admin/orders/export', { params: { query: queueQuery(filters) }, parseAs: 'blob' }),
  );
}

/** An order's PDF (confirmation, or the invoice once shipped). */
export function fetchOrderDocument(reference: string, kind: DocumentKind): Promise<Blob> {
  return request(() =>
    api.GET('/api/v1/admin/orders/{reference}/documents/{kind}', { params: { path: { reference, kind } }, parseAs: 'blob' }),
  );
}

/**
 * Enters an order for a customer. `idempotencyKey` is new for each attempt and
 * the same when the attempt is retried (network error, 5xx): the server then
 * answers with the order the first try placed instead of placing it twice.
 */
export function enterOrder(body: StaffPlaceRequest, idempotencyKey: string): Promise<Order> {
  return request(() =>
    api.POST('/api/v1/admin/orders', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body }),
  );
}
