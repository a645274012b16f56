import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

/**
 * The one API client of the SPA. Types come from `schema.d.ts`, which
 * `npm run gen:api` generates from the server's OpenAPI document; nothing in
 * this folder is typed by hand.
 *
 * `baseUrl` is empty: the SPA is served by the same origin as the API (the Go
 * binary embeds it; in development Vite proxies the server paths).
 * `fetch` is looked up at call time so tests can stub `globalThis.fetch`.
 */
export const api = createClient<paths>({
  baseUrl: '',
  fetch: (request) => globalThis.fetch(request),
});

export type Schemas = components['schemas'];
export type Problem = Schemas['httpx.Problem'];

/** The JSON body of a GET endpoint's response with the given status, from the generated types. */
export type JsonResponse<
  P extends keyof paths,
  S extends number,
> = paths[P] extends { get: { responses: infer R } }
  ? S extends keyof R
    ? R[S] extends { content: { 'application/json': infer B } }
      ? B
      : never
    : never
  : never;
