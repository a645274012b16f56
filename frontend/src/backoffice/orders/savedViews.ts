import type { QueueFilters } from '../../api/adminOrders';
import { filterSearch, readFilters } from './filters';

/**
 * "My views": filter sets a staff member saved under a name. They live in
 * this browser's localStorage, one list per staff member (user id), as query
 * strings, so a view opens exactly like a shared link.
 */
export interface SavedView {
  name: string;
  /** The queue's query string, without "?". */
  search: string;
}

export const maxViewName = 40;
export const maxViews = 20;

export function savedViewsKey(userId: string): string {
  return `oms.orders.views.${userId}`;
}

function isSavedView(value: unknown): value is SavedView {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as SavedView).name === 'string' &&
    typeof (value as SavedView).search === 'string'
  );
}

/** The views saved by this user; a damaged entry is dropped rather than breaking the page. */
export function loadViews(userId: string): SavedView[] {
  try {
    const raw = window.localStorage.getItem(savedViewsKey(userId));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? parsed.filter(isSavedView) : [];
  } catch {
    return [];
  }
}

function store(userId: string, views: SavedView[]): void {
  try {
    window.localStorage.setItem(savedViewsKey(userId), JSON.stringify(views));
  } catch {
    // Private mode or a full storage: the view lasts until the page is left.
  }
}

/** Why a name cannot be used, or null. */
export function viewNameError(name: string, views: SavedView[]): string | null {
  const trimmed = name.trim();
  if (!trimmed) return 'Give the view a name';
  if (trimmed.length > maxViewName) return `At most ${maxViewName} characters`;
  if (views.some((v) => v.name.toLocaleLowerCase() === trimmed.toLocaleLowerCase())) return 'You already have a view with this name';
  if (views.length >= maxViews) return `At most ${maxViews} views: delete one first`;
  return null;
}

export function saveView(userId: string, views: SavedView[], name: string, filters: QueueFilters): SavedView[] {
  const next = [...views, { name: name.trim(), search: filterSearch(filters).toString() }];
  store(userId, next);
  return next;
}

export function deleteView(userId: string, views: SavedView[], name: string): SavedView[] {
  const next = views.filter((v) => v.name !== name);
  store(userId, next);
  return next;
}

export function viewFilters(view: SavedView): QueueFilters {
  return readFilters(new URLSearchParams(view.search));
}
