import type { OrderStatus } from '../../api/orders';
import { freshAccessToken, refreshSession } from '../../auth/refresh';
import { SseParser, type SseEvent } from './sse';

/**
 * The live stream of changes to the logged-in customer's orders
 * (`GET /api/v1/tracking/stream`, Server-Sent Events). Each "order" event
 * only says "look again": the pages reload what they show.
 *
 * Not `EventSource`: it cannot send the Authorization header. A `fetch` with
 * a stream reader can, and each reconnection takes the session's current
 * token (refreshed when it is about to expire). The server ends every stream
 * after 10 minutes; the client then reconnects at once. Failures back off
 * (1 s, 2 s, 4 s … up to 30 s, with jitter); a 401 refreshes the token once;
 * a 403 (not a customer) or an ended session stops for good.
 */
export const streamPath = '/api/v1/tracking/stream';

/** The data of an "order" event. */
export interface OrderChange {
  reference: string;
  status: OrderStatus;
  updated_at: string;
  version: number;
}

export interface StreamHandlers {
  onChange: (change: OrderChange) => void;
  /** The stream is back after a failure: changes made meanwhile were missed, so reload everything. */
  onResync: () => void;
}

/** Timings, in milliseconds (tests shorten them). */
export const streamSettings = {
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  /** A stream that ends sooner than this counts as a failure: no tight loop of reconnections. */
  minHealthyMs: 5_000,
  /** How long the stream stays open after the last page using it went away (the next page reuses it). */
  lingerMs: 2_000,
};

/** The wait before reconnection attempt `attempt` (0-based): doubling, capped, ±20 % jitter. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const { baseDelayMs, maxDelayMs } = streamSettings;
  const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(attempt, 16));
  return Math.round(delay * (0.8 + 0.4 * random()));
}

function asChange(event: SseEvent): OrderChange | null {
  if (event.event !== 'order') return null;
  try {
    const data: unknown = JSON.parse(event.data);
    if (typeof data === 'object' && data !== null && typeof (data as { reference?: unknown }).reference === 'string') {
      return data as OrderChange;
    }
  } catch {
    // not JSON: ignore the event
  }
  return null;
}

async function readEvents(body: ReadableStream<Uint8Array>, onChange: (change: OrderChange) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      for (const event of parser.push(decoder.decode(value, { stream: true }))) {
        const change = asChange(event);
        if (change) onChange(change);
      }
    }
  } finally {
    reader.releaseLock();
  }
}

type Outcome = 'ended' | 'failed' | 'unauthorized' | 'stop';

/** Opens the stream and keeps it open until the returned function is called. */
export function openOrderStream(handlers: StreamHandlers): () => void {
  const controller = new AbortController();
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let missed = false;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    });

  const connect = async (token: string): Promise<Outcome> => {
    const started = Date.now();
    try {
      const response = await fetch(streamPath, {
        headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token}` },
        cache: 'no-store',
        signal: controller.signal,
      });
      if (response.status === 401) return 'unauthorized';
      if (response.status === 403) return 'stop'; // staff, or not allowed: nothing to listen to
      if (!response.ok || !response.body) return 'failed';
      if (missed) {
        missed = false;
        handlers.onResync();
      }
      await readEvents(response.body, (change) => {
        if (!stopped) handlers.onChange(change);
      });
      return Date.now() - started < streamSettings.minHealthyMs ? 'failed' : 'ended';
    } catch {
      if (stopped) return 'stop';
      // A stream that broke after a good while is a fresh start, not one more failure in a row.
      if (Date.now() - started >= streamSettings.minHealthyMs) failures = 0;
      return 'failed';
    }
  };

  const run = async () => {
    while (!stopped) {
      const token = await freshAccessToken();
      if (stopped || !token) return; // no session (any more): nothing to listen to
      const outcome = await connect(token);
      if (stopped || outcome === 'stop') return;
      if (outcome === 'ended') {
        failures = 0;
        continue; // the server's 10 minutes are up: reconnect now, with a fresh token
      }
      missed = true;
      if (outcome === 'unauthorized' && !(await refreshSession())) return; // the session ended
      await sleep(backoffDelay(failures++));
    }
  };
  void run();

  return () => {
    stopped = true;
    clearTimeout(timer);
    controller.abort();
  };
}

interface Shared {
  customerId: string;
  listeners: Set<StreamHandlers>;
  stop: () => void;
  linger?: ReturnType<typeof setTimeout>;
}

let shared: Shared | null = null;

/**
 * Listens to the customer's order changes over the one shared stream: the
 * first listener opens it, and it closes a moment after the last one leaves
 * (so moving from My orders to an order page keeps it).
 */
export function subscribeOrderChanges(customerId: string, handlers: StreamHandlers): () => void {
  if (shared && shared.customerId !== customerId) {
    clearTimeout(shared.linger);
    shared.stop();
    shared = null;
  }
  if (!shared) {
    const listeners = new Set<StreamHandlers>();
    const stop = openOrderStream({
      onChange: (change) => listeners.forEach((l) => l.onChange(change)),
      onResync: () => listeners.forEach((l) => l.onResync()),
    });
    shared = { customerId, listeners, stop };
  }
  const current = shared;
  clearTimeout(current.linger);
  current.listeners.add(handlers);
  return () => {
    current.listeners.delete(handlers);
    if (current.listeners.size > 0) return;
    clearTimeout(current.linger);
    current.linger = setTimeout(() => {
      if (current.listeners.size > 0) return;
      current.stop();
      if (shared === current) shared = null;
    }, streamSettings.lingerMs);
  };
}
