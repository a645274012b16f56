import type { Order, OrderAddress } from '../../api/adminOrders';
import { formatMoney } from '../products/money';

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });

/** How long ago, roughly: "5 min. ago", "3 hr. ago", "2 days ago" (the browser's language). */
export function formatAge(iso: string, now = Date.now()): string {
  const at = new Date(iso).getTime();
  if (Number.isNaN(at)) return '';
  const seconds = Math.round((at - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return relative.format(0, 'minute');
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
  if (abs < 60 * 86_400) return relative.format(Math.round(seconds / 86_400), 'day');
  return relative.format(Math.round(seconds / (30 * 86_400)), 'month');
}

const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** "2027-03-01" → "Mar 1, 2027" (a calendar day: no time zone shift). */
export function formatDay(day: string | null | undefined): string {
  if (!day) return '—';
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dateOnly.format(date);
}

export function orderTotal(order: Order): string {
  return formatMoney(order.totals.total, order.totals.currency);
}

export function amount(minor: number, order: Order): string {
  return formatMoney(minor, order.totals.currency);
}

/** Units ordered over all lines. */
export function unitCount(order: Order): number {
  return order.items.reduce((sum, line) => sum + line.quantity, 0);
}

/** The address as lines, for a `white-space: pre-line` block. */
export function addressLines(a: OrderAddress): string {
  return [a.name, a.line1, a.line2, `${a.postal_code} ${a.city}`.trim(), a.country, a.phone].filter(Boolean).join('\n');
}

/** Today in the browser's calendar, as YYYY-MM-DD. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
