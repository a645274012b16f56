import { queryOptions } from '@tanstack/react-query';
import { api, type JsonBody, type JsonRequest, type Schemas } from './client';
import { request } from './errors';

/**
 * Tracking: one order's progress (with its promised dates and what happens
 * next), many orders at once, the open-orders board, the guest lookup by
 * email or phone, and a status SMS to the account's verified phone. No
 * prices and no address, so guests see the same shape.
 *
 * Every customer query key starts with `trackingKey(customerId)`: the live
 * stream (`useOrderStream`) invalidates them all when one of the customer's
 * orders changes.
 */
export type Tracking = Schemas['tracking.Tracking'];
export type TrackingEvent = Schemas['tracking.Event'];
export type TrackingResult = Schemas['tracking.Result'];
export type LookupRequest = JsonRequest<'/api/v1/tracking/lookup', 'post'>;
export type StatusSms = JsonBody<'/api/v1/tracking/sms', 'post', 202>;

export function trackingKey(customerId: string) {
  return ['tracking', customerId] as const;
}

/** Several of my orders at once (canonical references, at most 50); others' and unknown ones come back in `not_found`. */
export function trackManyQuery(customerId: string, references: string[]) {
  return queryOptions({
    queryKey: [...trackingKey(customerId), 'many', references],
    queryFn: ({ signal }): Promise<TrackingResult> =>
      request(() => api.POST('/api/v1/tracking', { body: { references }, signal })),
  });
}

/** Every open order of mine (not delivered, cancelled or returned), oldest first. */
export function trackingBoardQuery(customerId: string) {
  return queryOptions({
    queryKey: [...trackingKey(customerId), 'board'],
    queryFn: ({ signal }): Promise<TrackingResult> => request(() => api.GET('/api/v1/tracking/board', { signal })),
  });
}

/** One of my orders: progress, promised dates and the "next" sentence. */
export function orderTrackingQuery(customerId: string, reference: string) {
  return queryOptions({
    queryKey: [...trackingKey(customerId), 'one', reference.toUpperCase()],
    queryFn: ({ signal }): Promise<Tracking> =>
      request(() => api.GET('/api/v1/orders/{reference}/tracking', { params: { path: { reference } }, signal })),
  });
}

/**
 * Orders without logging in: the references and the email or phone they were
 * placed with. Only that customer's orders come back; a wrong contact looks
 * exactly like "not found". Limited per IP address (429 with Retry-After).
 */
export function lookUpOrders(body: LookupRequest): Promise<TrackingResult> {
  return request(() => api.POST('/api/v1/tracking/lookup', { body }));
}

/**
 * Texts me the status of these orders, to my account's verified phone (the
 * request cannot name a number). 202 with the masked number; 409 without a
 * verified phone or when it opted out; 429 when asked too often.
 */
export function requestStatusSms(references: string[]): Promise<StatusSms> {
  return request(() => api.POST('/api/v1/tracking/sms', { body: { references } }));
}
