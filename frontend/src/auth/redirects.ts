import type { EndReason } from './session';

/**
 * Only same-site paths are followed after login: `next` comes from the URL,
 * so anything else ("//evil.example", "https://…", "javascript:…") is ignored.
 */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return null;
  }
  if (next === '/login' || next.startsWith('/login?') || next.startsWith('/login#')) {
    return null;
  }
  return next;
}

export type LoginReason = 'session-ended' | 'logged-out';

/** The login page URL for someone who has to log in to see `here`. */
export function loginPath(options: { next?: string | null; reason?: EndReason | null } = {}): string {
  const params = new URLSearchParams();
  if (options.next && safeNext(options.next)) {
    params.set('next', options.next);
  }
  if (options.reason === 'expired') {
    params.set('reason', 'session-ended');
  } else if (options.reason === 'logout') {
    params.set('reason', 'logged-out');
  }
  const query = params.toString();
  return query ? `/login?${query}` : '/login';
}
