import { vi } from 'vitest';

export interface FakeResponse {
  status: number;
  body: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

type Handler = FakeResponse | ((request: Request) => FakeResponse | Promise<FakeResponse>);
type Routes = Record<string, Handler>;

/**
 * Replaces `fetch` with a table of `path → response` (a response, or a
 * function of the Request). A path that is not in the table fails the way an
 * unreachable server does (a TypeError). Returns the mock so tests can count
 * calls and look at the requests (`requestsTo`).
 */
export function mockFetch(routes: Routes) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    const url = new URL(request.url, window.location.href);
    const route = routes[url.pathname];
    if (!route) {
      throw new TypeError(`Failed to fetch ${url.pathname}`);
    }
    const { status, body, contentType, headers } = typeof route === 'function' ? await route(request) : route;
    return new Response(status === 204 ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': contentType ?? 'application/json', ...headers },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** The requests the mock received for a path, oldest first. */
export function requestsTo(fetchMock: ReturnType<typeof mockFetch>, pathname: string): Request[] {
  return fetchMock.mock.calls
    .map(([input]) => input)
    .filter((input): input is Request => input instanceof Request && new URL(input.url).pathname === pathname);
}

/** An RFC 9457 problem response as omsd sends it. */
export function problem(
  status: number,
  title: string,
  detail: string,
  extra: { errors?: { field: string; message: string }[]; headers?: Record<string, string>; type?: string; subject?: string } = {},
): FakeResponse {
  return {
    status,
    contentType: 'application/problem+json',
    headers: extra.headers,
    body: {
      type: extra.type ?? 'about:blank',
      title,
      status,
      detail,
      instance: '/x',
      request_id: 'req-123',
      errors: extra.errors,
      subject: extra.subject,
    },
  };
}
