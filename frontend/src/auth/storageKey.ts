/**
 * Where the session is kept in sessionStorage. A module of its own so the
 * browser tests (e2e/) can seed a session without loading the app's code.
 */
export const SESSION_STORAGE_KEY = 'oms.session';

/** localStorage flag: this browser logged in and may hold the refresh cookie (see session.ts). */
export const SIGNED_IN_HINT_KEY = 'oms.signed-in';
