/**
 * Where a price list or offer stands today. It applies only while active and
 * inside its window (valid_from inclusive, valid_to exclusive, a missing bound
 * open — the server's rule).
 */
export type Validity = 'scheduled' | 'live' | 'ended' | 'inactive';

export interface Window {
  active: boolean;
  valid_from?: string | null;
  valid_to?: string | null;
}

export function validity(w: Window, now: Date = new Date()): Validity {
  if (!w.active) return 'inactive';
  const t = now.getTime();
  if (w.valid_from && t < Date.parse(w.valid_from)) return 'scheduled';
  if (w.valid_to && t >= Date.parse(w.valid_to)) return 'ended';
  return 'live';
}

export const validityLabels: Record<Validity, string> = {
  scheduled: 'Scheduled',
  live: 'Live',
  ended: 'Ended',
  inactive: 'Inactive',
};

export const validityDescriptions: Record<Validity, string> = {
  scheduled: 'Applies from its start date.',
  live: 'Applies now.',
  ended: 'Its validity window is over; it no longer applies.',
  inactive: 'Switched off: it does not apply whatever the dates.',
};

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function date(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : day.format(d);
}

/** "1 Jun 2026 – 1 Dec 2026", "From 1 Jun 2026", "Until 1 Dec 2026", "Always". */
export function windowText(w: Pick<Window, 'valid_from' | 'valid_to'>): string {
  const { valid_from: from, valid_to: to } = w;
  if (from && to) return `${date(from)} – ${date(to)}`;
  if (from) return `From ${date(from)}`;
  if (to) return `Until ${date(to)}`;
  return 'Always';
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `<input type="datetime-local">` speaks "2026-06-01T09:30" in the browser's
 * time zone; the API speaks UTC ISO strings. '' for none.
 */
export function isoToLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** "2026-06-01T09:30" (local) → ISO in UTC; undefined for '' or something that is not a date. */
export function localInputToIso(value: string): string | undefined {
  const m = localPattern.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const at = new Date(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s);
  // new Date() rolls 31 February over into March: refuse it instead.
  if (at.getMonth() !== mo - 1 || at.getDate() !== d) return undefined;
  return at.toISOString();
}

/** Client checks of a window typed in two inputs: keyed validFrom / validTo. */
export function windowErrors(from: string, to: string): { validFrom?: string; validTo?: string } {
  const out: { validFrom?: string; validTo?: string } = {};
  const f = from.trim() ? localInputToIso(from) : undefined;
  const t = to.trim() ? localInputToIso(to) : undefined;
  if (from.trim() && !f) out.validFrom = 'Enter a date and time, or leave it empty';
  if (to.trim() && !t) out.validTo = 'Enter a date and time, or leave it empty';
  if (f && t && Date.parse(t) <= Date.parse(f)) out.validTo = 'The end must be after the start';
  return out;
}

/** The browser's time zone, to say which clock the inputs use. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'your time zone';
}
