import { vi } from 'vitest';

export interface FakeResponse {
  status: number;
  body: unknown;
  contentType?: string;
}

type Routes = Record<string, FakeResponse | (() => FakeResponse)>;

/**
 * Replaces `fetch` with a table of `path → response`. A path that is not in
 * the table fails the way an unreachable server does (a TypeError).
 * Returns the mock so tests can count calls.
 */
export function mockFetch(routes: Routes) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input), window.location.href);
    const route = routes[url.pathname];
    if (!route) {
      throw new TypeError(`Failed to fetch ${url.pathname}`);
    }
    const { status, body, contentType } = typeof route === 'function' ? route() : route;
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': contentType ?? 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}
