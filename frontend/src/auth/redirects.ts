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

/** Why the login page is shown; each has its own notice there. */
export type LoginReason = 'session-ended' | 'logged-out' | 'password-changed' | 'password-reset';

function reasonParam(reason: EndReason | LoginReason): LoginReason {
  switch (reason) {
    case 'expired':
      return 'session-ended';
    case 'logout':
      return 'logged-out';
    default:
      return reason;
  }
}

/** The login page URL for someone who has to log in to see `here`. */
export function loginPath(
  options: { next?: string | null; reason?: EndReason | LoginReason | null; login?: string | null } = {},
): string {
  const params = new URLSearchParams();
  if (options.next && safeNext(options.next)) {
    params.set('next', options.next);
  }
  if (options.reason) {
    params.set('reason', reasonParam(options.reason));
  }
  if (options.login) {
    params.set('login', options.login);
  }
  const query = params.toString();
  return query ? `/login?${query}` : '/login';
}
