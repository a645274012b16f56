import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { myOrdersQuery, orderQuery, type Order } from '../../api/orders';
import { renderWithProviders } from '../../test/render';
import { signIn } from '../../test/session';
import { casey, order } from '../orders/testData';
import { backoffDelay, streamPath, streamSettings } from './orderStream';
import { useOrderStream } from './useOrderStream';

const ref = 'ORD-7K3F-9QXM';
const defaults = { ...streamSettings };

/** A response body the test writes to, as the server would. */
function eventStream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  const encoder = new TextEncoder();
  return {
    body,
    send: (text: string) => controller.enqueue(encoder.encode(text)),
    end: () => controller.close(),
  };
}

type Stream = ReturnType<typeof eventStream>;

interface StreamCall {
  headers: Headers;
  signal: AbortSignal | undefined;
}

/**
 * `fetch` for these tests: the stream answers with `answers` in turn (a
 * status, or a stream to write to), the order and the list with `current`.
 */
function stubFetch(answers: (number | Stream)[], current: () => Order) {
  const streamCalls: StreamCall[] = [];
  const counts = { order: 0, list: 0 };
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    const path = new URL(request.url).pathname;
    if (path === streamPath) {
      streamCalls.push({ headers: new Headers(init?.headers), signal: init?.signal ?? undefined });
      const answer = answers[Math.min(streamCalls.length - 1, answers.length - 1)]!;
      if (typeof answer === 'number') return new Response('{}', { status: answer, headers: { 'Content-Type': 'application/problem+json' } });
      return new Response(answer.body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
    }
    if (path === `/api/v1/orders/${ref}`) {
      counts.order++;
      return Response.json(current());
    }
    if (path === '/api/v1/orders') {
      counts.list++;
      return Response.json({ items: [current()], next_cursor: null });
    }
    throw new TypeError(`Failed to fetch ${path}`);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { streamCalls, counts };
}

/** A page that shows an order and the list, and keeps them live. */
function Probe() {
  useOrderStream();
  const one = useQuery(orderQuery(casey.id, ref));
  const list = useInfiniteQuery(myOrdersQuery(casey.id, { page_size: 20 }));
  return (
    <>
      <p data-testid="status">{one.data?.status ?? 'loading'}</p>
      <p data-testid="list">{list.data?.pages[0]?.items[0]?.status ?? 'loading'}</p>
    </>
  );
}

function OtherListener() {
  useOrderStream();
  return null;
}

beforeEach(() => {
  Object.assign(streamSettings, { baseDelayMs: 20, maxDelayMs: 100, minHealthyMs: 0, lingerMs: 0 });
  signIn(casey);
});
afterEach(async () => {
  cleanup();
  await new Promise((resolve) => setTimeout(resolve, 20)); // the shared stream closes after its linger
  Object.assign(streamSettings, defaults);
  vi.unstubAllGlobals();
});

describe('useOrderStream', { timeout: 20_000 }, () => {
  it('opens one stream with the token, and reloads the order when staff change it', async () => {
    let current = order({ status: 'placed', version: 1 });
    const stream = eventStream();
    const { streamCalls, counts } = stubFetch([stream], () => current);
    renderWithProviders(
      <>
        <Probe />
        <OtherListener />
      </>,
    );
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('placed'));
    await waitFor(() => expect(streamCalls).toHaveLength(1));
    expect(streamCalls[0]!.headers.get('Accept')).toBe('text/event-stream');
    expect(streamCalls[0]!.headers.get('Authorization')).toBe('Bearer test-token');

    current = order({ status: 'confirmed', version: 2 });
    const before = { ...counts };
    // A comment, then the event cut in two chunks.
    stream.send(': ping\n\nevent: order\ndata: {"reference":"ORD-7K3F-9QXM",');
    stream.send('"status":"confirmed","updated_at":"2026-11-25T12:00:00Z","version":2}\n\n');
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('confirmed'));
    await waitFor(() => expect(screen.getByTestId('list')).toHaveTextContent('confirmed'));
    expect(counts.order).toBe(before.order + 1);
    expect(streamCalls).toHaveLength(1); // still the one stream
  });

  it('reloads once for a burst of changes', async () => {
    let current = order({ status: 'placed' });
    const stream = eventStream();
    const { counts } = stubFetch([stream], () => current);
    renderWithProviders(<Probe />);
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('placed'));
    current = order({ status: 'processing', version: 3 });
    const before = counts.order;
    for (const status of ['confirmed', 'processing']) {
      stream.send(`event: order\ndata: {"reference":"${ref}","status":"${status}","updated_at":"2026-11-25T12:00:00Z","version":2}\n\n`);
    }
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('processing'));
    expect(counts.order).toBe(before + 1);
  });

  it('reconnects when the server ends the stream, backs off after failures, and reloads what it may have missed', async () => {
    let current = order({ status: 'placed' });
    const first = eventStream();
    const last = eventStream();
    const { streamCalls, counts } = stubFetch([first, 503, 502, last], () => current);
    renderWithProviders(<Probe />);
    await waitFor(() => expect(streamCalls).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('placed'));

    // Changed while the stream was down: nobody told the page, so it reloads when the stream is back.
    current = order({ status: 'confirmed', version: 2 });
    const before = counts.order;
    first.end();
    await waitFor(() => expect(streamCalls).toHaveLength(4));
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('confirmed'));
    expect(counts.order).toBe(before + 1);
    expect(streamCalls.every((c) => c.headers.get('Authorization') === 'Bearer test-token')).toBe(true);
  });

  it('stops for good when the server refuses (403)', async () => {
    const { streamCalls } = stubFetch([403], () => order());
    renderWithProviders(<Probe />);
    await waitFor(() => expect(streamCalls).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(streamCalls).toHaveLength(1);
  });

  it('closes the stream when the last page using it goes away', async () => {
    const stream = eventStream();
    const { streamCalls } = stubFetch([stream], () => order());
    const view = renderWithProviders(<Probe />);
    await waitFor(() => expect(streamCalls).toHaveLength(1));
    expect(streamCalls[0]!.signal?.aborted).toBe(false);
    view.unmount();
    await waitFor(() => expect(streamCalls[0]!.signal?.aborted).toBe(true));
  });

  it('opens nothing without a customer session', async () => {
    vi.stubGlobal('fetch', vi.fn());
    window.sessionStorage.clear();
    const { reloadSession } = await import('../../auth/session');
    reloadSession();
    renderWithProviders(<OtherListener />);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('backoffDelay', () => {
  it('doubles up to the cap, with ±20 % jitter', () => {
    Object.assign(streamSettings, { baseDelayMs: 1_000, maxDelayMs: 30_000 });
    expect([0, 1, 2, 3, 10].map((n) => backoffDelay(n, () => 0.5))).toEqual([1_000, 2_000, 4_000, 8_000, 30_000]);
    expect(backoffDelay(0, () => 0)).toBe(800);
    expect(backoffDelay(0, () => 1)).toBe(1_200);
    Object.assign(streamSettings, defaults);
  });
});
