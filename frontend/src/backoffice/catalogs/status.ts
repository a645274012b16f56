/**
 * Where a catalog stands today. Customers see a catalog only while it is
 * active and inside its validity window (from inclusive, to exclusive — the
 * same rule as the server).
 */
export type CatalogStatus = 'scheduled' | 'live' | 'ended' | 'inactive';

export interface CatalogWindow {
  /** Absent when not known (the list does not say): judged by the dates alone. */
  active?: boolean;
  valid_from?: string | null;
  valid_to?: string | null;
}

export function catalogStatus(catalog: CatalogWindow, now: Date = new Date()): CatalogStatus {
  if (catalog.active === false) return 'inactive';
  const t = now.getTime();
  if (catalog.valid_from && t < Date.parse(catalog.valid_from)) return 'scheduled';
  if (catalog.valid_to && t >= Date.parse(catalog.valid_to)) return 'ended';
  return 'live';
}

export const statusLabels: Record<CatalogStatus, string> = {
  scheduled: 'Scheduled',
  live: 'Live',
  ended: 'Ended',
  inactive: 'Inactive',
};

export const statusDescriptions: Record<CatalogStatus, string> = {
  scheduled: 'Customers see it from its start date.',
  live: 'Customers of its audience see it now.',
  ended: 'Its validity window is over; customers no longer see it.',
  inactive: 'Switched off: customers do not see it whatever the dates.',
};

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function date(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : day.format(d);
}

/** "1 Jun 2026 – 1 Dec 2026", "From 1 Jun 2026", "Until 1 Dec 2026", "No end date". */
export function validityText(catalog: CatalogWindow): string {
  const { valid_from: from, valid_to: to } = catalog;
  if (from && to) return `${date(from)} – ${date(to)}`;
  if (from) return `From ${date(from)}`;
  if (to) return `Until ${date(to)}`;
  return 'Always';
}
