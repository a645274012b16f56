export { formatBytes } from '../import/importErrors';

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** An age in seconds as "less than a minute ago", "5 minutes ago", "3 hours ago", "2 days ago". */
export function formatAgeSeconds(seconds: number): string {
  const s = Math.max(0, seconds);
  if (s < 60) return 'less than a minute ago';
  if (s < 3600) return relative.format(-Math.floor(s / 60), 'minute');
  if (s < 2 * 86_400) return relative.format(-Math.floor(s / 3600), 'hour');
  return relative.format(-Math.floor(s / 86_400), 'day');
}

const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** 0.4 → "0.4 s", 75 → "1 min 15 s". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null) return '—';
  if (seconds < 60) return `${number.format(seconds)} s`;
  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
}
