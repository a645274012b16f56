import createClient from 'openapi-fetch';
import { authMiddleware } from '../auth/middleware';
import type { components, paths } from './schema';

/**
 * The one API client of the SPA. Types come from `schema.d.ts`, which
 * `npm run gen:api` generates from the server's OpenAPI document; nothing in
 * this folder is typed by hand.
 *
 * `baseUrl` is empty: the SPA is served by the same origin as the API (the Go
 * binary embeds it; in development Vite proxies the server paths).
 * `fetch` is looked up at call time so tests can stub `globalThis.fetch`.
 *
 * `authMiddleware` adds `Authorization: Bearer …` while a session exists; on a
 * 401 it refreshes the token from the refresh cookie once and sends the
 * request again, and ends the session only when that fails.
 */
export const api = createClient<paths>({
  baseUrl: '',
  fetch: (request) => globalThis.fetch(request),
});
api.use(authMiddleware);

export type Schemas = components['schemas'];
export type Problem = Schemas['httpx.Problem'];

type Method = 'get' | 'post' | 'patch';

/** The JSON body of an endpoint's response with the given status, from the generated types. */
export type JsonBody<P extends keyof paths, M extends Method, S extends number> = paths[P] extends {
  [K in M]: { responses: infer R };
}
  ? S extends keyof R
    ? R[S] extends { content: { 'application/json': infer B } }
      ? B
      : never
    : never
  : never;

/** The JSON body of a GET endpoint's response with the given status. */
export type JsonResponse<P extends keyof paths, S extends number> = JsonBody<P, 'get', S>;

/** The JSON request body of an endpoint. */
export type JsonRequest<P extends keyof paths, M extends Method> = paths[P] extends {
  [K in M]: { requestBody: { content: { 'application/json': infer B } } };
}
  ? B
  : never;

/** The query parameters of a GET endpoint. */
export type QueryParams<P extends keyof paths> = paths[P] extends {
  get: { parameters: { query?: infer Q } };
}
  ? NonNullable<Q>
  : never;
