import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import { SESSION_STORAGE_KEY } from '../src/auth/storageKey';

/** The demo accounts `omsd serve --demo` creates. */
export const demoPassword = 'oms-demo-password';
export const staff = {
  admin: 'admin@oms.example.com',
  support: 'support@oms.example.com',
} as const;
/**
 * Demo customers. Casey is used read-only (pages, the reload test); the
 * password-reset test changes Northwind's password, so nothing else logs in
 * as Northwind.
 */
export const customers = {
  casey: 'casey@example.com',
  northwind: 'purchasing@northwind.example.com',
} as const;

interface SeededSession {
  accessToken: string;
  expiresAt: number;
  me: unknown;
}

/** Logs in through the API (not the page) and returns what the SPA stores as its session. */
export async function apiSession(request: APIRequestContext, login: string): Promise<SeededSession> {
  const response = await request.post('/api/v1/auth/login', { data: { login, password: demoPassword } });
  expect(response.status(), await response.text()).toBe(200);
  const token = (await response.json()) as { access_token: string; expires_in: number };
  const me = await request.get('/api/v1/me', { headers: { Authorization: `Bearer ${token.access_token}` } });
  expect(me.status()).toBe(200);
  return { accessToken: token.access_token, expiresAt: Date.now() + token.expires_in * 1000, me: await me.json() };
}

/**
 * Starts the page with a session already in sessionStorage, as after a login,
 * for tests about pages rather than about logging in. Seeded once per tab, so
 * logging out in the test sticks.
 */
export async function seedSession(page: Page, session: SeededSession): Promise<void> {
  await page.addInitScript(
    ([key, value]) => {
      if (!window.sessionStorage.getItem('oms.e2e.seeded')) {
        window.sessionStorage.setItem(key, value);
        window.sessionStorage.setItem('oms.e2e.seeded', '1');
      }
    },
    [SESSION_STORAGE_KEY, JSON.stringify(session)] as const,
  );
}

/** Fills in and submits the login form (the page must be on /login). */
export async function logInWithForm(page: Page, login: string, password = demoPassword): Promise<void> {
  await page.getByLabel('Login ID or email').fill(login);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('textbox', { name: 'Password', exact: true }).press('Enter');
}

interface LoggedMessage {
  channel: 'sms' | 'email';
  to: string;
  template: string;
  body: string;
  created_at: string;
}

/**
 * The newest message of `template` to `to` in the message log (staff token),
 * waiting for it to be queued. With the console provider, this is how staff
 * read codes.
 */
export async function latestMessage(
  request: APIRequestContext,
  token: string,
  to: string,
  template: string,
  options: { after?: string } = {},
): Promise<LoggedMessage> {
  let found: LoggedMessage | undefined;
  await expect
    .poll(
      async () => {
        const response = await request.get(`/api/v1/admin/messages?${new URLSearchParams({ to }).toString()}`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        expect(response.status(), await response.text()).toBe(200);
        const page = (await response.json()) as { items: LoggedMessage[] };
        found = page.items.find((m) => m.template === template && (!options.after || m.created_at > options.after));
        return found !== undefined;
      },
      { timeout: 10_000, message: `a ${template} message to ${to}` },
    )
    .toBe(true);
  return found!;
}

/** The 6-digit code in a message body. */
export function codeIn(body: string): string {
  const match = /\b(\d{6})\b/.exec(body);
  expect(match, body).not.toBeNull();
  return match![1]!;
}

/**
 * `test` with `asAdmin` / `asSupport` / `asCustomer` (Casey): call one to start the page logged in.
 * Tokens are fetched once per worker (they live 15 minutes; a run takes one or two).
 */
export const test = base.extend<
  {
    asAdmin: () => Promise<void>;
    asSupport: () => Promise<void>;
    asCustomer: () => Promise<void>;
  },
  { sessions: (login: string) => Promise<SeededSession> }
>({
  sessions: [
    async ({ playwright }, use, workerInfo) => {
      const baseURL = workerInfo.project.use.baseURL;
      const request = await playwright.request.newContext({ baseURL });
      const cache = new Map<string, Promise<SeededSession>>();
      await use((login) => {
        let session = cache.get(login);
        if (!session) {
          session = apiSession(request, login);
          cache.set(login, session);
        }
        return session;
      });
      await request.dispose();
    },
    { scope: 'worker' },
  ],
  asAdmin: async ({ page, sessions }, use) => {
    await use(async () => seedSession(page, await sessions(staff.admin)));
  },
  asSupport: async ({ page, sessions }, use) => {
    await use(async () => seedSession(page, await sessions(staff.support)));
  },
  asCustomer: async ({ page, sessions }, use) => {
    await use(async () => seedSession(page, await sessions(customers.casey)));
  },
});

export { expect };
