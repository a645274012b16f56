import type { OrderStatus } from '../../api/orders';
import type { Tracking } from '../../api/tracking';

/** A step of an order's way: reached (with when), where it is now, or still to come (with the promised date). */
export interface ProgressStep {
  status: OrderStatus;
  state: 'done' | 'current' | 'upcoming';
  /** When the order reached it (ISO time), if the timeline says. */
  at?: string;
  /** For steps to come: the promised day (YYYY-MM-DD) and what happens then. */
  promise?: { day: string; what: string };
}

/** The way every order goes when nothing stops it. */
const path: OrderStatus[] = ['placed', 'confirmed', 'processing', 'shipped', 'delivered'];

type Input = Pick<Tracking, 'status' | 'events' | 'promise'>;

/**
 * The steps to draw for an order: the usual path with the reached ones
 * done, the current one marked and the rest to come with their promised
 * dates; a cancelled order ends at "cancelled" after the steps it reached,
 * a returned one at "returned" after delivery.
 */
export function progressSteps({ status, events, promise }: Input): ProgressStep[] {
  const reachedAt = new Map<OrderStatus, string>();
  for (const e of events) {
    if (!reachedAt.has(e.status)) reachedAt.set(e.status, e.at);
  }
  const at = (s: OrderStatus) => reachedAt.get(s);

  if (status === 'cancelled') {
    const before = path.filter((s) => reachedAt.has(s));
    return [
      ...before.map((s): ProgressStep => ({ status: s, state: 'done', at: at(s) })),
      { status: 'cancelled', state: 'current', at: at('cancelled') },
    ];
  }
  if (status === 'returned') {
    return [
      ...path.map((s): ProgressStep => ({ status: s, state: 'done', at: at(s) })),
      { status: 'returned', state: 'current', at: at('returned') },
    ];
  }
  const current = Math.max(0, path.indexOf(status));
  return path.map((s, i): ProgressStep => {
    if (i < current) return { status: s, state: 'done', at: at(s) };
    if (i === current) return { status: s, state: 'current', at: at(s) };
    const step: ProgressStep = { status: s, state: 'upcoming' };
    if (s === 'shipped') step.promise = { day: promise.dispatch_by, what: 'Leaves our warehouse by' };
    if (s === 'delivered') step.promise = { day: promise.deliver_by, what: 'Arrives by' };
    return step;
  });
}

/** Whether the promised dates still matter (the order has not arrived, or stopped). */
export function promiseOpen(status: OrderStatus): boolean {
  return status === 'placed' || status === 'confirmed' || status === 'processing' || status === 'shipped';
}

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** "2026-11-27" → "Nov 27, 2026" (in the browser's locale; the day itself, whatever the time zone). */
export function formatPromiseDay(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return day.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}
