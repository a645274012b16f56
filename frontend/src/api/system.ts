import { queryOptions } from '@tanstack/react-query';
import { api, type JsonResponse, type Problem } from './client';
import { ApiError, request } from './errors';

export type VersionInfo = JsonResponse<'/api/v1/version', 200>;
type ReadyBody = JsonResponse<'/readyz', 200>;

/** Readiness is an answer either way: 200 means ready, 503 means not ready. */
export type Readiness =
  | { ready: true; status: string; checks: Record<string, string> }
  | { ready: false; problem: Problem | undefined };

export const versionQuery = queryOptions({
  queryKey: ['system', 'version'],
  queryFn: ({ signal }): Promise<VersionInfo> => request(() => api.GET('/api/v1/version', { signal })),
  staleTime: 5 * 60_000,
});

export const readinessQuery = queryOptions({
  queryKey: ['system', 'readiness'],
  queryFn: async ({ signal }): Promise<Readiness> => {
    try {
      const body: ReadyBody = await request(() => api.GET('/readyz', { signal }));
      return { ready: true, status: body.status, checks: body.checks ?? {} };
    } catch (error) {
      if (error instanceof ApiError && error.status === 503) {
        return { ready: false, problem: error.problem };
      }
      throw error;
    }
  },
  refetchInterval: 30_000,
});
