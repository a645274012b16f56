import { infiniteQueryOptions, keepPreviousData } from '@tanstack/react-query';
import { api, type JsonResponse, type QueryParams } from './client';
import { request } from './errors';

export type AuditPage = JsonResponse<'/api/v1/admin/audit', 200>;
export type AuditEntry = AuditPage['items'][number];
type AuditQuery = QueryParams<'/api/v1/admin/audit'>;

/** The filters of the audit log, as they appear in the page's URL. */
export interface AuditFilters {
  action: string;
  entity_type: string;
  entity_id: string;
  actor_id: string;
}

export const auditFilterNames = ['action', 'entity_type', 'entity_id', 'actor_id'] as const satisfies readonly (keyof AuditFilters &
  keyof AuditQuery)[];

/** Actions the server records today (suggestions; any text is accepted). */
export const knownAuditActions = [
  'auth.login.succeeded',
  'auth.login.failed',
  'auth.login.throttled',
  'auth.password_changed',
  'auth.password_reset_requested',
  'auth.password_reset',
  'registration.approved',
  'registration.rejected',
  'staff.created',
  'staff.updated',
  'message.test_queued',
];

export const knownEntityTypes = ['registration', 'customer', 'staff', 'message'];

const pageSize = 25;

export function auditQuery(filters: AuditFilters) {
  const query: AuditQuery = { page_size: pageSize };
  for (const name of auditFilterNames) {
    if (filters[name]) query[name] = filters[name];
  }
  return infiniteQueryOptions({
    queryKey: ['admin', 'audit', filters],
    queryFn: ({ pageParam, signal }): Promise<AuditPage> =>
      request(() =>
        api.GET('/api/v1/admin/audit', { params: { query: pageParam ? { ...query, cursor: pageParam } : query }, signal }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.next_cursor || undefined,
    placeholderData: keepPreviousData,
  });
}
