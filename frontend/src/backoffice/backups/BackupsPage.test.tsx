import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Backup } from '../../api/backups';
import { mockFetch, problem, requestsTo, type FakeResponse } from '../../test/fetchMock';
import { renderRoutes } from '../../test/renderRoutes';
import { adminMe, signIn, supportMe } from '../../test/session';
import { backup, backupStatus } from './testData';

// Lazy pages and 2 s polling: give a busy machine time before failing.
configure({ asyncUtilTimeout: 8000 });
const slow = { timeout: 8000 };

const statusPath = '/api/v1/admin/backups/status';
const listPath = '/api/v1/admin/backups';
const older = backup({ id: '01a21375-2c00-7000-8000-0000000000a1', created_at: '2027-03-11T03:00:00Z', trigger: 'cli' });
const failed = backup({
  id: '01a21375-2c00-7000-8000-0000000000f1',
  status: 'failed',
  trigger: 'manual',
  created_at: '2027-03-10T09:00:00Z',
  error: 'disk full',
  size_bytes: 0,
  download_url: null,
});
const page = (items: Backup[]): FakeResponse => ({ status: 200, body: { items, next_cursor: null } });

function rowOf(id: string): HTMLElement {
  return screen.getByRole('table', { name: 'Backups' }).querySelector(`[data-backup-id="${id}"]`) as HTMLElement;
}

async function open() {
  signIn(adminMe);
  renderRoutes('/admin/backups');
  return screen.findByRole('heading', { level: 1, name: 'Backups' }, slow);
}

describe('Backups page', { timeout: 30_000 }, () => {
  const saved: string[] = [];
  beforeEach(() => {
    Object.defineProperty(URL, 'createObjectURL', { configurable: true, value: vi.fn(() => 'blob:backup') });
    Object.defineProperty(URL, 'revokeObjectURL', { configurable: true, value: vi.fn() });
  });
  afterEach(() => {
    saved.length = 0;
  });

  it('is for admins only', async () => {
    mockFetch({});
    signIn(supportMe);
    renderRoutes('/admin/backups');
    expect(await screen.findByRole('heading', { level: 1, name: 'Not available for your role' }, slow)).toBeInTheDocument();
  });

  it('shows the status summary and every backup', async () => {
    mockFetch({
      [statusPath]: { status: 200, body: backupStatus({ offsite: true, encrypted: true, last_failure: failed }) },
      [listPath]: page([backup({ offsite: true, encrypted: true }), older, failed]),
    });
    await open();
    const summary = await screen.findByRole('region', { name: 'Backup status' });
    expect(summary).toHaveTextContent('0 3 * * *');
    expect(summary).toHaveTextContent('3 hours ago');
    expect(summary).toHaveTextContent('last 7 days, 4 weeks and 12 months');
    expect(summary).toHaveTextContent('On: every backup is also copied to the off-site bucket');
    expect(summary).toHaveTextContent('On: archives are encrypted with age');
    expect(summary).toHaveTextContent('disk full');
    expect(within(summary).queryByRole('alert')).toBeNull();

    await screen.findByRole('table', { name: 'Backups' });
    const first = rowOf(backup().id);
    expect(first).toHaveTextContent('Scheduled');
    expect(first).toHaveTextContent('Succeeded');
    expect(first).toHaveTextContent('5.2 MB');
    expect(first).toHaveTextContent('Encrypted');
    expect(first).toHaveTextContent('Off-site copy');
    expect(first).toHaveTextContent('Not verified');
    expect(first).toHaveTextContent('4.2 s');
    expect(rowOf(older.id)).toHaveTextContent('Command line');
    const bad = rowOf(failed.id);
    expect(bad).toHaveTextContent('Failed');
    expect(bad).toHaveTextContent('Error: disk full');
    expect(within(bad).queryByRole('button', { name: /Download/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Back up now' })).toBeEnabled();
  });

  it('warns in red when backups are overdue', async () => {
    mockFetch({
      [statusPath]: { status: 200, body: backupStatus({ stale: true, last_success_age_seconds: 3 * 86_400 }) },
      [listPath]: page([older]),
    });
    await open();
    const warning = await screen.findByRole('alert');
    expect(warning).toHaveTextContent('Backups are overdue');
    expect(warning).toHaveTextContent('3 days ago');
  });

  it('starts a backup, polls every 2 s while it runs, and stops when it is done', async () => {
    const queued = backup({ id: '01a21375-2c00-7000-8000-0000000000b1', status: 'queued', trigger: 'manual', created_at: '2027-03-12T10:00:00Z', size_bytes: 0, duration_seconds: null, download_url: null, finished_at: null, started_at: null });
    const done = backup({ ...queued, status: 'succeeded', download_url: `/api/v1/admin/backups/${queued.id}/download`, size_bytes: 2048, duration_seconds: 1.5 });
    let started = false;
    let listCalls = 0;
    const fetchMock = mockFetch({
      [statusPath]: () => ({ status: 200, body: backupStatus({ active: started && listCalls < 3 ? [queued] : [] }) }),
      [listPath]: (request) => {
        if (request.method === 'POST') {
          started = true;
          return { status: 202, body: queued };
        }
        if (!started) return page([older]);
        listCalls += 1;
        return page([listCalls < 3 ? { ...queued, status: listCalls === 1 ? 'queued' : 'running' } : done, older]);
      },
    });
    await open();
    await screen.findByRole('table', { name: 'Backups' });
    await userEvent.click(screen.getByRole('button', { name: 'Back up now' }));

    expect(await screen.findByText(/A backup is being made/, undefined, slow)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Back up now' })).toBeDisabled();
    const posts = requestsTo(fetchMock, listPath).filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.headers.get('Authorization')).toBe('Bearer test-token');

    await waitFor(() => expect(within(rowOf(queued.id)).getByText('Succeeded')).toBeInTheDocument(), { timeout: 12_000 });
    expect(rowOf(queued.id)).toHaveTextContent('2 KB');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Back up now' })).toBeEnabled());
    expect(screen.queryByText(/A backup is being made/)).toBeNull();

    // Nothing runs any more: no more requests.
    const settled = fetchMock.mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 2_600));
    expect(fetchMock.mock.calls.length).toBe(settled);
  });

  it('shows the server’s 409 when a backup already runs', async () => {
    mockFetch({
      [statusPath]: { status: 200, body: backupStatus() },
      [listPath]: (request) =>
        request.method === 'POST'
          ? problem(409, 'Conflict', 'a backup is already queued or running; wait for it to finish')
          : page([older]),
    });
    await open();
    await screen.findByRole('table', { name: 'Backups' });
    await userEvent.click(screen.getByRole('button', { name: 'Back up now' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not start a backup');
    expect(alert).toHaveTextContent('A backup is already queued or running; wait for it to finish (request ID req-123).');
  });

  it('verifies a backup and shows the result inline', async () => {
    const checked = { checked_at: '2027-03-12T11:00:00Z', level: 'full' as const, ok: true, error: '' };
    let verified = false;
    const fetchMock = mockFetch({
      [statusPath]: { status: 200, body: backupStatus() },
      [listPath]: () => page([verified ? backup({ verification: checked }) : backup(), older]),
      [`/api/v1/admin/backups/${backup().id}/verify`]: () => {
        verified = true;
        return { status: 200, body: { ok: true, level: 'full', error: '', checked_at: checked.checked_at, parts: 3, bytes: 5_452_595, backup: backup({ verification: checked }) } };
      },
    });
    await open();
    await screen.findByRole('table', { name: 'Backups' });
    await userEvent.click(within(rowOf(backup().id)).getByRole('button', { name: /^Verify backup of/ }));
    expect(await within(rowOf(backup().id)).findByText('Verified OK: full check, 3 parts, 5.2 MB read.')).toBeInTheDocument();
    expect(requestsTo(fetchMock, `/api/v1/admin/backups/${backup().id}/verify`)[0]?.method).toBe('POST');
    // The list is read again and shows the kept result.
    expect(await within(rowOf(backup().id)).findByText('OK')).toBeInTheDocument();
  });

  it('says when verification finds a damaged archive, and shows a refused verify', async () => {
    mockFetch({
      [statusPath]: { status: 200, body: backupStatus() },
      [listPath]: page([backup(), older]),
      [`/api/v1/admin/backups/${backup().id}/verify`]: {
        status: 200,
        body: { ok: false, level: 'full', error: 'part db/oms.db: checksum mismatch', checked_at: '2027-03-12T11:00:00Z', parts: 1, bytes: 10, backup: backup() },
      },
      [`/api/v1/admin/backups/${older.id}/verify`]: problem(409, 'Conflict', 'this backup has no archive (it has not succeeded, or its file is gone)'),
    });
    await open();
    await screen.findByRole('table', { name: 'Backups' });
    await userEvent.click(within(rowOf(backup().id)).getByRole('button', { name: /^Verify/ }));
    expect(await within(rowOf(backup().id)).findByText('The archive is damaged: part db/oms.db: checksum mismatch.')).toBeInTheDocument();
    await userEvent.click(within(rowOf(older.id)).getByRole('button', { name: /^Verify/ }));
    expect(await within(rowOf(older.id)).findByRole('alert')).toHaveTextContent(
      'Could not verify: this backup has no archive (it has not succeeded, or its file is gone) (request ID req-123).',
    );
  });

  it('downloads an archive with the session’s token, under its file name', async () => {
    const fetchMock = mockFetch({
      [statusPath]: { status: 200, body: backupStatus() },
      [listPath]: page([backup(), older]),
      [`/api/v1/admin/backups/${backup().id}/download`]: { status: 200, body: 'archive', contentType: 'application/gzip' },
    });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(`${this.download} ${this.href}`);
    });
    await open();
    await screen.findByRole('table', { name: 'Backups' });
    await userEvent.click(within(rowOf(backup().id)).getByRole('button', { name: /^Download backup of/ }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(saved).toEqual(['oms-backup-20270312T030000Z.tar.gz blob:backup']);
    expect(requestsTo(fetchMock, `/api/v1/admin/backups/${backup().id}/download`)[0]?.headers.get('Authorization')).toBe('Bearer test-token');
    click.mockRestore();
  });

  it('shows cards on a phone', async () => {
    const matchMedia = vi.spyOn(window, 'matchMedia').mockImplementation(
      (query: string) =>
        ({ matches: query.includes('max-width'), media: query, onchange: null, addEventListener: vi.fn(), removeEventListener: vi.fn(), addListener: vi.fn(), removeListener: vi.fn(), dispatchEvent: vi.fn() }) as MediaQueryList,
    );
    mockFetch({ [statusPath]: { status: 200, body: backupStatus() }, [listPath]: page([backup(), failed]) });
    await open();
    const cards = await screen.findByRole('list', { name: 'Backups' });
    expect(within(cards).getAllByRole('listitem')).toHaveLength(2);
    expect(screen.queryByRole('table', { name: 'Backups' })).toBeNull();
    matchMedia.mockRestore();
  });
});
