import { queryOptions } from '@tanstack/react-query';
import { api, type JsonBody, type JsonResponse, type Schemas } from './client';
import { request, requestNoContent } from './errors';

export type ApiKey = Schemas['customers.APIKey'];
export type NewApiKey = JsonBody<'/api/v1/me/api-keys', 'post', 201>;
type ApiKeyList = JsonResponse<'/api/v1/me/api-keys', 200>;

export const apiKeysKey = ['me', 'api-keys'] as const;

export const apiKeysQuery = queryOptions({
  queryKey: apiKeysKey,
  queryFn: ({ signal }): Promise<ApiKeyList> => request(() => api.GET('/api/v1/me/api-keys', { signal })),
});

export function createApiKey(name: string): Promise<NewApiKey> {
  return request(() => api.POST('/api/v1/me/api-keys', { body: { name } }));
}

export function revokeApiKey(id: string): Promise<void> {
  return requestNoContent(() => api.DELETE('/api/v1/me/api-keys/{id}', { params: { path: { id } } }));
}
