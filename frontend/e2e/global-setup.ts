import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FullConfig } from '@playwright/test';

const frontendDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const startTimeoutMs = 30_000;
const stopTimeoutMs = 10_000;

/**
 * Starts the real omsd binary on a fresh SQLite database in demo mode, waits
 * until it is live, and returns the teardown that stops it with SIGTERM.
 */
export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  const bin = path.resolve(frontendDir, process.env.OMS_BIN ?? '../bin/omsd');
  if (!existsSync(bin)) {
    throw new Error(`omsd binary not found at ${bin}. Build it with \`make build\` or set OMS_BIN.`);
  }
  const baseURL = config.projects[0]?.use.baseURL;
  if (!baseURL) {
    throw new Error('playwright.config.ts must set use.baseURL');
  }
  const addr = new URL(baseURL).host;

  const dataDir = mkdtempSync(path.join(tmpdir(), 'oms-e2e-'));
  const logDir = path.join(frontendDir, 'test-results');
  mkdirSync(logDir, { recursive: true });
  const logPath = path.join(logDir, 'omsd.log');
  const log = createWriteStream(logPath);

  const args = [
    'serve',
    '--demo',
    '--addr',
    addr,
    '--database-url',
    `sqlite:${path.join(dataDir, 'oms.db')}`,
    '--data-dir',
    dataDir,
  ];
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);

  try {
    await waitUntilLive(child, `${baseURL}/healthz`, logPath);
    await seedMessages(baseURL);
    await caseySmsUpdatesOff(baseURL);
  } catch (error) {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  return async () => {
    const code = await stop(child);
    log.end();
    rmSync(dataDir, { recursive: true, force: true });
    if (code !== 0) {
      throw new Error(`omsd did not exit cleanly on SIGTERM (exit ${String(code)}); see ${logPath}`);
    }
  };
}

async function waitUntilLive(child: ChildProcess, url: string, logPath: string): Promise<void> {
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`omsd exited during start (exit ${String(child.exitCode ?? child.signalCode)}); see ${logPath}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`omsd did not answer 200 on ${url} within ${startTimeoutMs / 1000}s; see ${logPath}`);
}

/**
 * Gives the message log something to show in the accessibility checks and
 * screenshots: a test email and a test SMS, sent the way an admin would.
 * (+14155550100 is left to the test that sends to it, so its row is unique.)
 */
async function seedMessages(baseURL: string): Promise<void> {
  const login = await fetch(`${baseURL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: 'admin@oms.example.com', password: 'oms-demo-password' }),
  });
  if (login.status !== 200) {
    throw new Error(`seeding: login answered ${login.status}: ${await login.text()}`);
  }
  const { access_token: token } = (await login.json()) as { access_token: string };
  for (const body of [
    { channel: 'email', to: 'ops@example.com' },
    { channel: 'sms', to: '+14155550177' },
  ]) {
    const response = await fetch(`${baseURL}/api/v1/admin/messages/test`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    if (response.status !== 202) {
      throw new Error(`seeding: test ${body.channel} answered ${response.status}: ${await response.text()}`);
    }
  }
}

/**
 * Casey's order updates go by email only during the run. Every SMS to her
 * number counts towards its limit (5 in 10 minutes), order notices included,
 * and the back-office spec moves her orders through four statuses: the limit
 * is left to the status text that shop-tracking.spec.ts asks for.
 */
async function caseySmsUpdatesOff(baseURL: string): Promise<void> {
  const login = await fetch(`${baseURL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: 'casey@example.com', password: 'oms-demo-password' }),
  });
  if (login.status !== 200) {
    throw new Error(`seeding: Casey's login answered ${login.status}: ${await login.text()}`);
  }
  const { access_token: token } = (await login.json()) as { access_token: string };
  const response = await fetch(`${baseURL}/api/v1/me/notifications`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ email: true, sms: false }),
  });
  if (response.status !== 200) {
    throw new Error(`seeding: Casey's notification settings answered ${response.status}: ${await response.text()}`);
  }
}

/** Sends SIGTERM and waits for the exit; SIGKILL after a grace period. Returns the exit code. */
function stop(child: ChildProcess): Promise<number | string | null> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(child.exitCode ?? child.signalCode);
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, stopTimeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? signal);
    });
    child.kill('SIGTERM');
  });
}
