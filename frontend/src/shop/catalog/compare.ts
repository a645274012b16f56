import { useSyncExternalStore } from 'react';

/**
 * The products picked for comparison: 2–4, by slug, with their names for the
 * compare bar. Kept in localStorage, so the pick survives a reload and is
 * shared by every tab; the compare page also carries it in its URL.
 */
export const maxCompare = 4;
export const minCompare = 2;

export interface CompareItem {
  slug: string;
  name: string;
}

const storageKey = 'oms.compare';

/** `?ids=a,b,c` → ["a", "b", "c"]: trimmed, no duplicates, at most four. */
export function parseCompareIds(value: string | null): string[] {
  if (!value) {
    return [];
  }
  const ids = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return [...new Set(ids)].slice(0, maxCompare);
}

/** The compare page for `slugs`. */
export function comparePath(slugs: readonly string[]): string {
  return slugs.length ? `/shop/compare?ids=${slugs.map(encodeURIComponent).join(',')}` : '/shop/compare';
}

/** Adds or removes `item`. Adding to a full list changes nothing (`full` says so). */
export function toggleCompareItem(list: readonly CompareItem[], item: CompareItem): { list: CompareItem[]; full: boolean } {
  if (list.some((i) => i.slug === item.slug)) {
    return { list: list.filter((i) => i.slug !== item.slug), full: false };
  }
  if (list.length >= maxCompare) {
    return { list: [...list], full: true };
  }
  return { list: [...list, item], full: false };
}

function isItem(value: unknown): value is CompareItem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as CompareItem).slug === 'string' &&
    typeof (value as CompareItem).name === 'string'
  );
}

function read(): CompareItem[] {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(storageKey) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isItem).slice(0, maxCompare) : [];
  } catch {
    return [];
  }
}

const listeners = new Set<() => void>();
const noItems: CompareItem[] = [];
let cache: { raw: string | null; items: CompareItem[] } | null = null;

/** The stored list; the same array until it changes (useSyncExternalStore needs that). */
export function getCompareItems(): CompareItem[] {
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(storageKey);
  } catch {
    // storage disabled: an empty pick
  }
  if (!cache || cache.raw !== raw) {
    cache = { raw, items: read() };
  }
  return cache.items;
}

export function setCompareItems(items: readonly CompareItem[]): void {
  try {
    if (items.length) {
      window.localStorage.setItem(storageKey, JSON.stringify(items.slice(0, maxCompare)));
    } else {
      window.localStorage.removeItem(storageKey);
    }
  } catch {
    // storage disabled: the pick lives only as long as the URL
  }
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === storageKey || event.key === null) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function useCompareItems(): CompareItem[] {
  return useSyncExternalStore(subscribe, getCompareItems, () => noItems);
}
