import type { CustomerType, VerifyChannel } from '../../api/registrations';

/**
 * The application in progress, kept in sessionStorage so a reload (or a
 * detour to the email app) resumes the wizard. The token is what the API
 * asks for at every later step; it dies with the tab.
 */
export interface StoredApplication {
  id: string;
  token: string;
  type: CustomerType;
  email: string;
  phone: string;
  /** Epoch ms before which the server refuses to send a new code, per channel. */
  resendAfter: Record<VerifyChannel, number>;
}

export const REGISTRATION_STORAGE_KEY = 'oms.registration';

/** The server sends at most one code a minute per channel. */
export const resendCooldownMs = 60_000;

function isStored(value: unknown): value is StoredApplication {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<StoredApplication>;
  return (
    typeof v.id === 'string' &&
    typeof v.token === 'string' &&
    (v.type === 'consumer' || v.type === 'business') &&
    typeof v.email === 'string' &&
    typeof v.phone === 'string' &&
    typeof v.resendAfter === 'object' &&
    v.resendAfter !== null
  );
}

export function loadApplication(): StoredApplication | null {
  try {
    const raw = window.sessionStorage.getItem(REGISTRATION_STORAGE_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return isStored(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function saveApplication(application: StoredApplication): void {
  try {
    window.sessionStorage.setItem(REGISTRATION_STORAGE_KEY, JSON.stringify(application));
  } catch {
    // storage disabled: the wizard still works until the page is reloaded
  }
}

export function forgetApplication(): void {
  try {
    window.sessionStorage.removeItem(REGISTRATION_STORAGE_KEY);
  } catch {
    // nothing to forget
  }
}
