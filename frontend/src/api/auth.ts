import type { Session } from '../auth/session';
import { api, type JsonBody, type JsonRequest } from './client';
import { request } from './errors';

export type LoginRequest = JsonRequest<'/api/v1/auth/login', 'post'>;
export type TokenResponse = JsonBody<'/api/v1/auth/login', 'post', 200>;

/**
 * Exchanges credentials for an access token, then reads who it belongs to.
 * Throws an ApiError (401 wrong credentials, 422 invalid fields, …).
 */
export async function logIn(credentials: LoginRequest, signal?: AbortSignal): Promise<Session> {
  const issuedAt = Date.now();
  const token: TokenResponse = await request(() => api.POST('/api/v1/auth/login', { body: credentials, signal }));
  const me = await request(() =>
    api.GET('/api/v1/me', { headers: { Authorization: `Bearer ${token.access_token}` }, signal }),
  );
  return { accessToken: token.access_token, expiresAt: issuedAt + token.expires_in * 1000, me };
}
