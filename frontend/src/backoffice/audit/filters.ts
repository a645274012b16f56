import { auditFilterNames, type AuditFilters } from '../../api/audit';

/** The filters in a URL (trimmed; unknown parameters are ignored). */
export function readAuditFilters(params: URLSearchParams): AuditFilters {
  return {
    action: (params.get('action') ?? '').trim(),
    entity_type: (params.get('entity_type') ?? '').trim(),
    entity_id: (params.get('entity_id') ?? '').trim(),
    actor_id: (params.get('actor_id') ?? '').trim(),
  };
}

/** The query string for `filters`; empty values are left out. */
export function auditSearch(filters: Partial<AuditFilters>): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of auditFilterNames) {
    const value = filters[name]?.trim();
    if (value) params.set(name, value);
  }
  return params;
}

export function hasAuditFilters(filters: AuditFilters): boolean {
  return auditFilterNames.some((name) => filters[name] !== '');
}

const actionLabels: Record<string, string> = {
  'auth.login.succeeded': 'Logged in',
  'auth.login.failed': 'Login failed',
  'auth.login.throttled': 'Login blocked (too many tries)',
  'auth.password_changed': 'Password changed',
  'auth.password_reset_requested': 'Password reset requested',
  'auth.password_reset': 'Password reset',
  'registration.approved': 'Registration approved',
  'registration.rejected': 'Registration rejected',
  'staff.created': 'Staff member added',
  'staff.updated': 'Staff member changed',
  'message.test_queued': 'Test message sent',
};

/** "registration.approved" → "Registration approved"; unknown actions are shown as recorded. */
export function actionLabel(action: string): string {
  return actionLabels[action] ?? action;
}
