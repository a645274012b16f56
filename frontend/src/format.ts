/** Dates and times as the user's browser formats them; the API sends UTC ISO strings. */
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) {
    return '—';
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

export function formatTime(epochMs: number): string {
  return timeOnly.format(epochMs);
}

/** 45 → "45 seconds"; 543 → "543 seconds (about 9 minutes)". */
export function formatWait(seconds: number): string {
  const unit = seconds === 1 ? 'second' : 'seconds';
  if (seconds < 90) {
    return `${seconds} ${unit}`;
  }
  const minutes = Math.round(seconds / 60);
  return `${seconds} ${unit} (about ${minutes} minutes)`;
}
