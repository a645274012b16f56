import { queryOptions } from '@tanstack/react-query';
import { api, type JsonBody, type JsonRequest, type JsonResponse, type Schemas } from './client';
import { request } from './errors';

export type StaffMember = Schemas['auth.Staff'];
export type StaffRole = StaffMember['role'];
export type NewStaffRequest = JsonRequest<'/api/v1/admin/users', 'post'>;
export type UpdateStaffRequest = JsonRequest<'/api/v1/admin/users/{id}', 'patch'>;
type StaffList = JsonResponse<'/api/v1/admin/users', 200>;

export const staffRoles = ['support', 'fulfilment', 'sales', 'admin'] as const satisfies readonly StaffRole[];

export const staffKey = ['admin', 'users'] as const;

export const staffListQuery = queryOptions({
  queryKey: staffKey,
  queryFn: ({ signal }): Promise<StaffList> => request(() => api.GET('/api/v1/admin/users', { signal })),
});

export function createStaff(body: NewStaffRequest): Promise<JsonBody<'/api/v1/admin/users', 'post', 201>> {
  return request(() => api.POST('/api/v1/admin/users', { body }));
}

export function updateStaff(id: string, body: UpdateStaffRequest): Promise<StaffMember> {
  return request(() => api.PATCH('/api/v1/admin/users/{id}', { params: { path: { id } }, body }));
}
