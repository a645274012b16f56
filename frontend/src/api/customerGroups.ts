import { queryOptions } from '@tanstack/react-query';
import { api, type JsonRequest, type Schemas } from './client';
import { request, requestNoContent } from './errors';

/**
 * Customer groups (back office): named sets of customers that catalogs and
 * price lists can be limited to, e.g. "trade".
 */
export type CustomerGroup = Schemas['customers.Group'];
export type GroupMember = Schemas['customers.GroupMember'];
export type NewCustomerGroup = JsonRequest<'/api/v1/admin/customer-groups', 'post'>;

export const customerGroupsKey = ['admin', 'customer-groups'] as const;

export const customerGroupsQuery = queryOptions({
  queryKey: [...customerGroupsKey, 'list'],
  queryFn: async ({ signal }): Promise<CustomerGroup[]> =>
    (await request(() => api.GET('/api/v1/admin/customer-groups', { signal }))).items,
});

export function groupMembersKey(groupId: string) {
  return [...customerGroupsKey, 'members', groupId] as const;
}

export function groupMembersQuery(groupId: string) {
  return queryOptions({
    queryKey: groupMembersKey(groupId),
    queryFn: async ({ signal }): Promise<GroupMember[]> =>
      (await request(() => api.GET('/api/v1/admin/customer-groups/{id}/members', { params: { path: { id: groupId } }, signal })))
        .items,
  });
}

export function createCustomerGroup(body: NewCustomerGroup): Promise<CustomerGroup> {
  return request(() => api.POST('/api/v1/admin/customer-groups', { body }));
}

/** `customer` is a Login ID (C000123) or an email address; adding someone twice is harmless. */
export function addGroupMember(groupId: string, customer: string): Promise<GroupMember> {
  return request(() =>
    api.POST('/api/v1/admin/customer-groups/{id}/members', { params: { path: { id: groupId } }, body: { customer } }),
  );
}

export function removeGroupMember(groupId: string, customerId: string): Promise<void> {
  return requestNoContent(() =>
    api.DELETE('/api/v1/admin/customer-groups/{id}/members/{customer_id}', {
      params: { path: { id: groupId, customer_id: customerId } },
    }),
  );
}
