import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api, type JsonBody, type JsonResponse } from './client';
import { ApiError, request } from './errors';

/**
 * Backups (admins only): every backup attempt, the schedule and whether
 * backups are overdue, "back up now", downloading an archive and verifying it.
 */
export type Backup = JsonResponse<'/api/v1/admin/backups/{id}', 200>;
export type BackupPage = JsonResponse<'/api/v1/admin/backups', 200>;
export type BackupStatus = JsonResponse<'/api/v1/admin/backups/status', 200>;
export type BackupState = Backup['status'];
export type BackupTrigger = Backup['trigger'];
export type VerifyResult = JsonBody<'/api/v1/admin/backups/{id}/verify', 'post', 200>;

/** A backup in one of these states is still being made: pages ask again until it ends. */
export const activeStates: ReadonlySet<BackupState> = new Set<BackupState>(['queued', 'running']);
export const backupsRefreshMs = 2_000;

export const backupsKey = ['admin', 'backups'] as const;
const pageSize = 20;

export function isActive(backup: Backup): boolean {
  return activeStates.has(backup.status);
}

function isClientError(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500;
}

export const backupStatusQuery = queryOptions({
  queryKey: [...backupsKey, 'status'],
  queryFn: ({ signal }): Promise<BackupStatus> => request(() => api.GET('/api/v1/admin/backups/status', { signal })),
  // Every 2 s while a backup waits or runs; a 4xx stops it (asking again gets the same answer).
  refetchInterval: (q) =>
    !isClientError(q.state.error) && (q.state.data?.active.length ?? 0) > 0 ? backupsRefreshMs : false,
});

export const backupListQuery = infiniteQueryOptions({
  queryKey: [...backupsKey, 'list'],
  queryFn: ({ pageParam, signal }): Promise<BackupPage> =>
    request(() =>
      api.GET('/api/v1/admin/backups', {
        params: { query: pageParam ? { page_size: pageSize, cursor: pageParam } : { page_size: pageSize } },
        signal,
      }),
    ),
  initialPageParam: '',
  getNextPageParam: (last) => last.next_cursor || undefined,
  refetchInterval: (q) =>
    !isClientError(q.state.error) && q.state.data?.pages.some((p) => p.items.some(isActive)) ? backupsRefreshMs : false,
});

/** Queues a backup now; 409 while another one waits or runs. */
export function startBackup(): Promise<Backup> {
  return request(() => api.POST('/api/v1/admin/backups'));
}

/** Reads the whole archive on the server and checks it; a damaged archive is `ok: false`, not an error. */
export function verifyBackup(id: string): Promise<VerifyResult> {
  return request(() => api.POST('/api/v1/admin/backups/{id}/verify', { params: { path: { id } } }));
}

/** The archive as a file (the request carries the session's token, so a plain link would not do). */
export function fetchBackupArchive(id: string): Promise<Blob> {
  return request(() => api.GET('/api/v1/admin/backups/{id}/download', { params: { path: { id } }, parseAs: 'blob' }));
}
