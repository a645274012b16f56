import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, type JsonBody, type JsonRequest, type JsonResponse, type QueryParams, type Schemas } from './client';
import { request, requestNoContent } from './errors';

export type ApplyRequest = JsonRequest<'/api/v1/registrations', 'post'>;
export type ApplyResponse = JsonBody<'/api/v1/registrations', 'post', 201>;
export type ApplicationStatus = JsonResponse<'/api/v1/registrations/{id}', 200>;
export type RegistrationStatus = ApplicationStatus['status'];
export type CustomerType = ApplyRequest['type'];
export type VerifyChannel = JsonRequest<'/api/v1/registrations/{id}/verify', 'post'>['channel'];
export type Address = Schemas['registration.Address'];
export type Company = Schemas['registration.Company'];

export type Application = Schemas['registration.Application'];
export type Review = JsonResponse<'/api/v1/admin/registrations/{id}', 200>;
export type ApplicationPage = JsonResponse<'/api/v1/admin/registrations', 200>;
export type RegistrationFlag = Application['flags'][number];
type ListQuery = QueryParams<'/api/v1/admin/registrations'>;

// `satisfies` keeps these lists in step with the generated enums.
export const registrationStatuses = [
  'pending_review',
  'pending_verification',
  'approved',
  'rejected',
] as const satisfies readonly RegistrationStatus[];
export const customerTypes = ['consumer', 'business'] as const satisfies readonly CustomerType[];
export const verifyChannels = ['email', 'sms'] as const satisfies readonly VerifyChannel[];
export const registrationFlags = [
  'duplicate_application',
  'disposable_email',
  'ip_velocity',
  'phone_velocity',
  'country_mismatch',
] as const satisfies readonly RegistrationFlag[];

// ---- the applicant (public, by token) ----

export function apply(body: ApplyRequest): Promise<ApplyResponse> {
  return request(() => api.POST('/api/v1/registrations', { body }));
}

export function verifyCode(id: string, token: string, channel: VerifyChannel, code: string): Promise<ApplicationStatus> {
  return request(() =>
    api.POST('/api/v1/registrations/{id}/verify', { params: { path: { id } }, body: { token, channel, code } }),
  );
}

export function resendCode(id: string, token: string, channel: VerifyChannel): Promise<void> {
  return requestNoContent(() =>
    api.POST('/api/v1/registrations/{id}/resend', { params: { path: { id } }, body: { token, channel } }),
  );
}

/** While staff review an application, its page asks again this often. */
export const reviewPollMs = 10_000;

export const applicationKey = ['registration'] as const;

export function applicationStatusQuery(id: string, token: string) {
  return queryOptions({
    queryKey: [...applicationKey, id],
    queryFn: ({ signal }): Promise<ApplicationStatus> =>
      request(() => api.GET('/api/v1/registrations/{id}', { params: { path: { id }, query: { token } }, signal })),
    refetchInterval: (q) => (q.state.data?.status === 'pending_review' ? reviewPollMs : false),
  });
}

// ---- staff review ----

export const reviewKey = ['admin', 'registrations'] as const;
const pageSize = 20;

export function applicationListQuery(status: RegistrationStatus | null) {
  const query: ListQuery = { page_size: pageSize };
  if (status) query.status = status;
  return infiniteQueryOptions({
    queryKey: [...reviewKey, 'list', status],
    queryFn: ({ pageParam, signal }): Promise<ApplicationPage> =>
      request(() =>
        api.GET('/api/v1/admin/registrations', {
          params: { query: pageParam ? { ...query, cursor: pageParam } : query },
          signal,
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.next_cursor || undefined,
    placeholderData: keepPreviousData,
  });
}

export function reviewQuery(id: string) {
  return queryOptions({
    queryKey: [...reviewKey, 'detail', id],
    queryFn: ({ signal }): Promise<Review> =>
      request(() => api.GET('/api/v1/admin/registrations/{id}', { params: { path: { id } }, signal })),
  });
}

export function approveApplication(id: string): Promise<Application> {
  return request(() => api.POST('/api/v1/admin/registrations/{id}/approve', { params: { path: { id } } }));
}

export function rejectApplication(id: string, reason: string): Promise<Application> {
  return request(() =>
    api.POST('/api/v1/admin/registrations/{id}/reject', { params: { path: { id } }, body: { reason } }),
  );
}
