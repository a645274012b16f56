/**
 * `<input type="datetime-local">` speaks "2026-06-01T09:30" in the browser's
 * time zone; the API speaks UTC ISO strings.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-06-01T07:30:00Z" → "2026-06-01T09:30" (in Europe/Berlin); '' for none. */
export function isoToLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** "2026-06-01T09:30" (local) → "2026-06-01T07:30:00.000Z"; undefined for '' or a value that is not a date. */
export function localInputToIso(value: string): string | undefined {
  const m = localPattern.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s);
  // new Date() rolls 31 February over into March: refuse it instead.
  if (date.getMonth() !== mo - 1 || date.getDate() !== d) return undefined;
  return date.toISOString();
}

/** The browser's time zone, to say which clock the inputs use ("Europe/Berlin"). */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'your time zone';
}
