import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, type JsonBody, type JsonRequest, type JsonResponse, type QueryParams } from './client';
import { ApiError, request } from './errors';

export type Message = JsonResponse<'/api/v1/admin/messages/{id}', 200>;
export type MessagePage = JsonResponse<'/api/v1/admin/messages', 200>;
export type MessageChannel = Message['channel'];
export type MessageStatus = Message['status'];
type ListQuery = QueryParams<'/api/v1/admin/messages'>;
export type TestMessageRequest = JsonRequest<'/api/v1/admin/messages/test', 'post'>;
export type TestMessageQueued = JsonBody<'/api/v1/admin/messages/test', 'post', 202>;

/** The filters of the message log, as they appear in the page's URL. */
export interface MessageFilters {
  channel: MessageChannel | null;
  status: MessageStatus | null;
  to: string;
}

// `satisfies` keeps these lists in step with the generated enums.
export const messageChannels = ['sms', 'email'] as const satisfies readonly MessageChannel[];
export const messageStatuses = [
  'queued',
  'sending',
  'sent',
  'delivered',
  'failed',
  'undeliverable',
] as const satisfies readonly MessageStatus[];

const pageSize = 20;

function isClientError(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500;
}
/** Queued messages turn sent within seconds; the log shows it without a reload. */
export const messagesRefreshMs = 5_000;

export const messagesKey = ['admin', 'messages'] as const;

export function messageListQuery(filters: MessageFilters) {
  const query: ListQuery = { page_size: pageSize };
  if (filters.channel) query.channel = filters.channel;
  if (filters.status) query.status = filters.status;
  if (filters.to) query.to = filters.to;

  return infiniteQueryOptions({
    queryKey: [...messagesKey, 'list', filters],
    queryFn: ({ pageParam, signal }): Promise<MessagePage> =>
      request(() =>
        api.GET('/api/v1/admin/messages', {
          params: { query: pageParam ? { ...query, cursor: pageParam } : query },
          signal,
        }),
      ),
    initialPageParam: '',
    // The API sends `next_cursor: null` on the last page (the schema says optional).
    getNextPageParam: (last) => last.next_cursor || undefined,
    // Only while the tab is visible (TanStack Query pauses intervals in the background).
    // A 4xx (e.g. a filter the API rejects) stops it: asking again gets the same answer.
    refetchInterval: (q) => (isClientError(q.state.error) ? false : messagesRefreshMs),
    placeholderData: keepPreviousData,
  });
}

const settled: ReadonlySet<MessageStatus> = new Set(['delivered', 'failed', 'undeliverable']);

export function messageQuery(id: string) {
  return queryOptions({
    queryKey: [...messagesKey, 'detail', id],
    queryFn: ({ signal }): Promise<Message> =>
      request(() => api.GET('/api/v1/admin/messages/{id}', { params: { path: { id } }, signal })),
    refetchInterval: (q) => (q.state.data && !settled.has(q.state.data.status) ? messagesRefreshMs : false),
  });
}

export function sendTestMessage(body: TestMessageRequest): Promise<TestMessageQueued> {
  return request(() => api.POST('/api/v1/admin/messages/test', { body }));
}

/**
 * The SMS and emails sent about one order (its notices, and status texts
 * that list it among others), newest first, a page at a time. Every staff
 * role may read the message log.
 */
export function orderMessagesQuery(reference: string) {
  const query: ListQuery = { order: reference.toUpperCase(), page_size: 10 };
  return infiniteQueryOptions({
    queryKey: [...messagesKey, 'order', reference.toUpperCase()],
    queryFn: ({ pageParam, signal }): Promise<MessagePage> =>
      request(() =>
        api.GET('/api/v1/admin/messages', { params: { query: pageParam ? { ...query, cursor: pageParam } : query }, signal }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.next_cursor || undefined,
    refetchInterval: (q) => (isClientError(q.state.error) ? false : messagesRefreshMs),
  });
}
