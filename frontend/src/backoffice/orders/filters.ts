import {
  orderChannels,
  orderPriorities,
  orderStatuses,
  queueViews,
  type OrderChannel,
  type OrderPriority,
  type OrderStatus,
  type QueueFilters,
  type QueueView,
} from '../../api/adminOrders';

/** The queue with no filters: the open orders. */
export const defaultFilters: QueueFilters = {
  view: 'open',
  status: [],
  priority: '',
  channel: '',
  customer: '',
  placedFrom: '',
  placedTo: '',
  q: '',
};

/** Query-string names of the filters. */
export const filterParams = {
  view: 'view',
  status: 'status',
  priority: 'priority',
  channel: 'channel',
  customer: 'customer',
  placedFrom: 'placed_from',
  placedTo: 'placed_to',
  q: 'q',
} as const satisfies Record<keyof QueueFilters, string>;

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

function oneOf<T extends string>(allowed: readonly T[], value: string | null): T | '' {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : '';
}

/** A YYYY-MM-DD that is a real day, or ''. */
export function validDate(value: string | null): string {
  if (!value || !datePattern.test(value)) return '';
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? value : '';
}

/** The filters in a URL; values the API would reject (a typo in a shared link) are ignored. */
export function readFilters(params: URLSearchParams): QueueFilters {
  const status = params
    .getAll(filterParams.status)
    .filter((s): s is OrderStatus => (orderStatuses as readonly string[]).includes(s));
  return {
    view: oneOf<QueueView>(queueViews, params.get(filterParams.view)) || 'open',
    // In lifecycle order, each once, whatever the link said.
    status: orderStatuses.filter((s) => status.includes(s)),
    priority: oneOf<OrderPriority>(orderPriorities, params.get(filterParams.priority)),
    channel: oneOf<OrderChannel>(orderChannels, params.get(filterParams.channel)),
    customer: (params.get(filterParams.customer) ?? '').trim(),
    placedFrom: validDate(params.get(filterParams.placedFrom)),
    placedTo: validDate(params.get(filterParams.placedTo)),
    q: (params.get(filterParams.q) ?? '').trim(),
  };
}

/** The query string for `filters`, in a fixed order; defaults are left out. */
export function filterSearch(filters: QueueFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.view !== 'open') params.set(filterParams.view, filters.view);
  for (const s of orderStatuses) {
    if (filters.status.includes(s)) params.append(filterParams.status, s);
  }
  for (const key of ['priority', 'channel', 'customer', 'placedFrom', 'placedTo', 'q'] as const) {
    const value = filters[key].trim();
    if (value) params.set(filterParams[key], value);
  }
  return params;
}

/** A copy of `filters` with `patch` applied. */
export function withFilters(filters: QueueFilters, patch: Partial<QueueFilters>): QueueFilters {
  return { ...filters, ...patch };
}

/** Filters besides the view (what "Clear filters" removes). */
export function hasRefinements(filters: QueueFilters): boolean {
  return (
    filters.status.length > 0 ||
    Boolean(filters.priority || filters.channel || filters.customer || filters.placedFrom || filters.placedTo || filters.q)
  );
}

/** How many filters besides the view are set (statuses count as one). */
export function refinementCount(filters: QueueFilters): number {
  return [filters.status.length > 0, filters.priority, filters.channel, filters.customer, filters.placedFrom || filters.placedTo, filters.q].filter(Boolean).length;
}

/** The same queue: compares the normalised query strings. */
export function sameFilters(a: QueueFilters, b: QueueFilters): boolean {
  return filterSearch(a).toString() === filterSearch(b).toString();
}

/** "Placed from" after "Placed to" selects nothing: say so at the filter. */
export function dateRangeError(filters: QueueFilters): string | null {
  return filters.placedFrom && filters.placedTo && filters.placedFrom > filters.placedTo
    ? '“Placed from” is after “Placed to”'
    : null;
}
