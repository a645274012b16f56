import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockFetch, type FakeResponse } from '../test/fetchMock';
import { renderWithProviders } from '../test/render';
import { SystemStatus } from './SystemStatus';

const version: FakeResponse = {
  status: 200,
  body: { name: 'omsd', version: 'dev', commit: '0123456789abcdef', demo: true },
};
const ready: FakeResponse = { status: 200, body: { status: 'ok', checks: { database: 'ok' } } };

function problem(status: number, title: string, detail: string): FakeResponse {
  return {
    status,
    contentType: 'application/problem+json',
    body: { type: 'about:blank', title, status, detail, instance: '/x', request_id: 'req-123' },
  };
}

describe('SystemStatus', () => {
  it('shows a skeleton, then the name, version and readiness from the API', async () => {
    mockFetch({ '/api/v1/version': version, '/readyz': ready });
    renderWithProviders(<SystemStatus />);

    expect(screen.getByRole('status', { name: 'Loading system status' })).toBeInTheDocument();

    expect(await screen.findByText('omsd')).toBeInTheDocument();
    expect(screen.getByText(/Version dev/)).toHaveTextContent('Version dev · commit 0123456789ab');
    expect(screen.getByText('Demo mode')).toBeInTheDocument();
    expect(await screen.findByText('Ready')).toBeInTheDocument();
    const checks = screen.getByRole('list', { name: 'Readiness checks' });
    expect(within(checks).getByText('database: ok')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByRole('status', { name: 'Loading system status' })).not.toBeInTheDocument();
  });

  it('explains a server error and loads again when the user retries', async () => {
    let versionAnswer = problem(500, 'Internal Server Error', 'database is locked');
    const fetchMock = mockFetch({ '/api/v1/version': () => versionAnswer, '/readyz': ready });
    renderWithProviders(<SystemStatus />);

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Could not load the system status')).toBeInTheDocument();
    expect(alert).toHaveTextContent('The server had a problem: database is locked (request ID req-123). Try again in a moment.');

    versionAnswer = version;
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));

    expect(await screen.findByText('omsd')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(fetchMock.mock.calls.length).toBeGreaterThanOrEqual(3);
  });

  it('says so when the server cannot be reached', async () => {
    mockFetch({});
    renderWithProviders(<SystemStatus />);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The server could not be reached. Check your connection, then try again.');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeEnabled();
  });

  it('shows "Not ready" with the reason when /readyz answers 503', async () => {
    // The shape omsd sends: the failed checks are named in `detail`.
    mockFetch({
      '/api/v1/version': version,
      '/readyz': problem(503, 'Service Unavailable', 'not ready: database: connection refused'),
    });
    renderWithProviders(<SystemStatus />);

    expect(await screen.findByText('Not ready')).toBeInTheDocument();
    expect(screen.getByText('not ready: database: connection refused')).toBeInTheDocument();
    expect(screen.getByText(/Version dev/)).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
