import { queryOptions } from '@tanstack/react-query';
import { endSession, type Me, type Session } from '../auth/session';
import { api, type JsonBody, type JsonRequest } from './client';
import { request, requestNoContent } from './errors';

export type LoginRequest = Omit<JsonRequest<'/api/v1/auth/login', 'post'>, 'use_cookie'>;
export type TokenResponse = JsonBody<'/api/v1/auth/login', 'post', 200>;
export type ChangePasswordRequest = JsonRequest<'/api/v1/me/password', 'post'>;
export type ResetConfirmRequest = JsonRequest<'/api/v1/auth/password-reset/confirm', 'post'>;

/**
 * Exchanges credentials for an access token, then reads who it belongs to.
 * The refresh token comes back as the HttpOnly `oms_refresh` cookie
 * (`use_cookie`), never in the body: scripts on the page cannot read it.
 * Throws an ApiError (401 wrong credentials, 422 invalid fields, …).
 */
export async function logIn(credentials: LoginRequest, signal?: AbortSignal): Promise<Session> {
  const issuedAt = Date.now();
  const token: TokenResponse = await request(() =>
    api.POST('/api/v1/auth/login', { body: { ...credentials, use_cookie: true }, signal }),
  );
  const me = await request(() =>
    api.GET('/api/v1/me', { headers: { Authorization: `Bearer ${token.access_token}` }, signal }),
  );
  return { accessToken: token.access_token, expiresAt: issuedAt + token.expires_in * 1000, me };
}

/**
 * Ends the login on the server (revokes the refresh cookie and clears it),
 * then here. The local session ends even when the server cannot be reached.
 */
export async function logOut(): Promise<void> {
  try {
    await api.POST('/api/v1/auth/logout');
  } catch {
    // offline: the cookie's login stays valid until it expires, but this tab forgets it
  }
  endSession('logout');
}

/** Always 202: the answer does not say whether the account exists. */
export function requestPasswordReset(login: string): Promise<void> {
  return requestNoContent(() => api.POST('/api/v1/auth/password-reset', { body: { login } }));
}

export function confirmPasswordReset(body: ResetConfirmRequest): Promise<void> {
  return requestNoContent(() => api.POST('/api/v1/auth/password-reset/confirm', { body }));
}

/** 204, after which every login of the account has ended (this one too). */
export function changePassword(body: ChangePasswordRequest): Promise<void> {
  return requestNoContent(() => api.POST('/api/v1/me/password', { body }));
}

export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: ({ signal }): Promise<Me> => request(() => api.GET('/api/v1/me', { signal })),
});
