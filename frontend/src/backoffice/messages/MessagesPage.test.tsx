import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Message } from '../../api/messages';
import { mockFetch, problem, requestsTo, type FakeResponse } from '../../test/fetchMock';
import { currentUrl, renderRoutes } from '../../test/renderRoutes';
import { adminMe, signIn, supportMe } from '../../test/session';

const listPath = '/api/v1/admin/messages';
const testPath = '/api/v1/admin/messages/test';

function message(overrides: Partial<Message> = {}): Message {
  return {
    id: '01a21375-1b54-77d4-999b-de869cb8332a',
    channel: 'sms',
    to: '+14155550100',
    subject: '',
    body: 'OMS test message sent by Avery Admin. If you got this, SMS works.',
    template: 'test_message',
    status: 'delivered',
    provider: 'console',
    provider_message_id: 'console-1',
    attempts: 1,
    created_at: '2026-11-25T16:06:11.540Z',
    updated_at: '2026-11-25T16:06:12.198Z',
    sent_at: '2026-11-25T16:06:12.198Z',
    delivered_at: '2026-11-25T16:06:12.198Z',
    ...overrides,
  };
}

const sms = message();
const email = message({
  id: '01a21375-1b6d-7936-86a4-07903bb12673',
  channel: 'email',
  to: 'ops@example.com',
  subject: 'OMS test message',
  body: 'Your code is 123456.\nIt expires in 10 minutes.',
  template: 'verification_code',
  status: 'failed',
  attempts: 5,
  last_error: 'connection refused',
  error_code: 'smtp_unavailable',
});

const page = (items: Message[], next: string | null = null): FakeResponse => ({
  status: 200,
  body: { items, next_cursor: next },
});

function lastListQuery(fetchMock: ReturnType<typeof mockFetch>): URLSearchParams {
  const requests = requestsTo(fetchMock, listPath);
  return new URL(requests[requests.length - 1]!.url).searchParams;
}

function filterBar() {
  return within(screen.getByRole('search', { name: 'Filter messages' }));
}

describe('MessagesPage', () => {
  it('lists the messages in a table with a status badge per row', async () => {
    mockFetch({ [listPath]: page([email, sms]) });
    signIn();
    renderRoutes('/admin/messages');

    expect(await screen.findByRole('status', { name: 'Loading messages' })).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Messages' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3); // header + 2
    expect(rows[1]).toHaveTextContent('ops@example.com');
    expect(rows[1]).toHaveTextContent('Failed');
    expect(rows[1]).toHaveTextContent('smtp_unavailable · connection refused');
    expect(rows[2]).toHaveTextContent('+14155550100');
    expect(rows[2]).toHaveTextContent('Delivered');
    expect(screen.getByText(/2 messages · updated/)).toBeInTheDocument();
  });

  it('sends the filters in the URL with the first request', async () => {
    const fetchMock = mockFetch({ [listPath]: page([]) });
    signIn();
    renderRoutes('/admin/messages?channel=email&status=failed&to=ops%40example.com&bogus=1');

    expect(await screen.findByText('No messages match these filters')).toBeInTheDocument();
    const query = lastListQuery(fetchMock);
    expect(Object.fromEntries(query)).toEqual({ channel: 'email', status: 'failed', to: 'ops@example.com', page_size: '20' });
    expect(filterBar().getByRole('radio', { name: 'Email' })).toBeChecked();
    expect(filterBar().getByLabelText('Status')).toHaveValue('failed');
    expect(filterBar().getByLabelText('Recipient')).toHaveValue('ops@example.com');
  });

  it('writes the filters to the URL and the request carries them', async () => {
    const fetchMock = mockFetch({ [listPath]: page([sms]) });
    signIn();
    const router = renderRoutes('/admin/messages');
    await screen.findByRole('table', { name: 'Messages' });

    await userEvent.click(filterBar().getByRole('radio', { name: 'SMS' }));
    await waitFor(() => expect(lastListQuery(fetchMock).get('channel')).toBe('sms'));
    expect(currentUrl(router)).toBe('/admin/messages?channel=sms');

    await userEvent.selectOptions(filterBar().getByLabelText('Status'), 'Delivered');
    await waitFor(() => expect(lastListQuery(fetchMock).get('status')).toBe('delivered'));
    expect(currentUrl(router)).toBe('/admin/messages?channel=sms&status=delivered');

    // The recipient box waits for a pause in typing: one request, not one per key.
    const before = requestsTo(fetchMock, listPath).length;
    await userEvent.type(filterBar().getByLabelText('Recipient'), '+14155550100');
    await waitFor(() => expect(lastListQuery(fetchMock).get('to')).toBe('+14155550100'));
    expect(requestsTo(fetchMock, listPath).length - before).toBe(1);
    expect(new URLSearchParams(router.state.location.search).get('to')).toBe('+14155550100');
    expect(Object.fromEntries(lastListQuery(fetchMock))).toEqual({
      channel: 'sms',
      status: 'delivered',
      to: '+14155550100',
      page_size: '20',
    });

    // "All" and "Any status" remove the filters again.
    await userEvent.click(filterBar().getByRole('radio', { name: 'All' }));
    await userEvent.selectOptions(filterBar().getByLabelText('Status'), 'Any status');
    await userEvent.clear(filterBar().getByLabelText('Recipient'));
    await waitFor(() => expect(currentUrl(router)).toBe('/admin/messages'));
    await waitFor(() => expect(Object.fromEntries(lastListQuery(fetchMock))).toEqual({ page_size: '20' }));
  });

  it('shows a filter the API rejects at the filter', async () => {
    mockFetch({
      [listPath]: (request) =>
        new URL(request.url).searchParams.get('to') === '415'
          ? problem(422, 'Unprocessable Entity', 'validation failed', {
              errors: [{ field: 'to', message: 'must be a valid phone number, e.g. +14155550100' }],
            })
          : page([sms]),
    });
    signIn();
    renderRoutes('/admin/messages?to=415');

    expect(await screen.findByText('Recipient must be a valid phone number, e.g. +14155550100.')).toBeInTheDocument();
    expect(filterBar().getByLabelText('Recipient')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('No messages to show: correct the highlighted filter.')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('explains an error and loads again on retry', async () => {
    let answer: FakeResponse = problem(500, 'Internal Server Error', 'database is locked');
    mockFetch({ [listPath]: () => answer });
    signIn();
    renderRoutes('/admin/messages');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the messages');
    expect(alert).toHaveTextContent('The server had a problem: database is locked (request ID req-123). Try again in a moment.');
    answer = page([sms]);
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('table', { name: 'Messages' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('refreshes every 5 seconds, so a queued message turns sent', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      let status: Message['status'] = 'queued';
      mockFetch({ [listPath]: () => page([message({ status })]) });
      signIn();
      renderRoutes('/admin/messages');
      const table = await screen.findByRole('table', { name: 'Messages' });
      expect(within(table).getByText('Queued')).toBeInTheDocument();

      status = 'sent';
      await vi.advanceTimersByTimeAsync(4_000);
      expect(within(table).getByText('Queued')).toBeInTheDocument();
      await vi.advanceTimersByTimeAsync(1_500);
      await waitFor(() => expect(within(table).getByText('Sent')).toBeInTheDocument());
    } finally {
      vi.useRealTimers();
    }
  });

  it('says when there are no messages at all', async () => {
    mockFetch({ [listPath]: page([]) });
    signIn();
    renderRoutes('/admin/messages');
    expect(await screen.findByText('No messages yet')).toBeInTheDocument();
  });

  it('loads the next page with next_cursor', async () => {
    const fetchMock = mockFetch({
      [listPath]: (request) => (new URL(request.url).searchParams.get('cursor') === 'c2' ? page([email]) : page([sms], 'c2')),
    });
    signIn();
    renderRoutes('/admin/messages');
    await screen.findByRole('table', { name: 'Messages' });

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('ops@example.com')).toBeInTheDocument();
    expect(lastListQuery(fetchMock).get('cursor')).toBe('c2');
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    expect(screen.getByText(/2 messages · updated/)).toBeInTheDocument();
  });

  it('opens a message in a drawer with its full body and subject', async () => {
    mockFetch({ [listPath]: page([email, sms]), [`${listPath}/${email.id}`]: { status: 200, body: email } });
    signIn();
    const router = renderRoutes('/admin/messages?channel=email');
    const table = await screen.findByRole('table', { name: 'Messages' });

    await userEvent.click(within(table).getByText('ops@example.com'));
    const drawer = await screen.findByRole('dialog', { name: 'Email to ops@example.com' });
    expect(new URLSearchParams(router.state.location.search).get('message')).toBe(email.id);
    expect(new URLSearchParams(router.state.location.search).get('channel')).toBe('email');
    expect(within(drawer).getByText('OMS test message')).toBeInTheDocument();
    expect(within(drawer).getByTestId('message-body').textContent).toBe('Your code is 123456.\nIt expires in 10 minutes.');
    expect(within(drawer).getByText('connection refused')).toBeInTheDocument();

    await userEvent.click(within(drawer).getByRole('button', { name: 'Close message' }));
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get('message')).toBeNull());
  });
});

describe('send a test message', () => {
  function testForm() {
    return within(screen.getByRole('region', { name: 'Send a test message' }));
  }

  it('is not offered to staff who are not admins', async () => {
    mockFetch({ [listPath]: page([sms]) });
    signIn(supportMe);
    renderRoutes('/admin/messages');
    await screen.findByRole('table', { name: 'Messages' });
    expect(screen.queryByRole('region', { name: 'Send a test message' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Send test/ })).not.toBeInTheDocument();
  });

  it('checks the recipient before sending', async () => {
    const fetchMock = mockFetch({ [listPath]: page([]) });
    signIn(adminMe);
    renderRoutes('/admin/messages');
    const form = testForm();

    await userEvent.click(form.getByRole('button', { name: 'Send test SMS' }));
    expect(await form.findByText('Enter a phone number')).toBeInTheDocument();

    await userEvent.type(form.getByLabelText(/Recipient/), '555-012');
    await userEvent.click(form.getByRole('button', { name: 'Send test SMS' }));
    expect(await form.findByText('Enter a phone number with at least 7 digits, e.g. +14155550100')).toBeInTheDocument();

    await userEvent.click(form.getByRole('radio', { name: 'Email' }));
    await userEvent.clear(form.getByLabelText(/Recipient/));
    await userEvent.type(form.getByLabelText(/Recipient/), 'ops@example');
    await userEvent.click(form.getByRole('button', { name: 'Send test email' }));
    expect(await form.findByText('Enter a valid email address, e.g. name@example.com')).toBeInTheDocument();
    expect(requestsTo(fetchMock, testPath)).toHaveLength(0);
  });

  it('sends it and shows the masked recipient and "queued"; the list is asked again', async () => {
    const fetchMock = mockFetch({
      [listPath]: page([]),
      [testPath]: { status: 202, body: { message_id: 'm1', status: 'queued', to: '+1415•••0100' } },
    });
    signIn(adminMe);
    renderRoutes('/admin/messages');
    await screen.findByText('No messages yet');
    const listCalls = requestsTo(fetchMock, listPath).length;
    const form = testForm();

    await userEvent.type(form.getByLabelText(/Recipient/), ' +1 415 555 0100 {Enter}');

    const status = await form.findByRole('status');
    expect(status).toHaveTextContent('Test SMS to +1415•••0100 is queued.');
    const [sent] = requestsTo(fetchMock, testPath);
    expect(await sent?.json()).toEqual({ channel: 'sms', to: '+1 415 555 0100' });
    expect(sent?.headers.get('Authorization')).toBe('Bearer test-token');
    await waitFor(() => expect(requestsTo(fetchMock, listPath).length).toBeGreaterThan(listCalls));
  });

  it.each([
    [
      '409 opted out',
      problem(409, 'Conflict', 'this number opted out of text messages'),
      'This number opted out of text messages. Use another number; it can opt in again by replying START.',
    ],
    [
      '429 with Retry-After',
      problem(429, 'Too Many Requests', 'this number already received 5 text messages in the last 10m0s; try again later', {
        headers: { 'Retry-After': '543' },
      }),
      'This number already received 5 text messages in the last 10m0s; try again later. Try again in 543 seconds (about 9 minutes).',
    ],
    [
      '403 not an admin',
      problem(403, 'Forbidden', 'this needs a staff account with the right role'),
      'This needs a staff account with the right role. Only admins can send test messages.',
    ],
  ])('explains a refusal: %s', async (_name, answer, text) => {
    mockFetch({ [listPath]: page([]), [testPath]: answer });
    signIn(adminMe);
    renderRoutes('/admin/messages');
    const form = testForm();
    await userEvent.type(form.getByLabelText(/Recipient/), '+14155550100');
    await userEvent.click(form.getByRole('button', { name: 'Send test SMS' }));

    const alert = await form.findByRole('alert');
    expect(alert).toHaveTextContent('Not sent');
    expect(alert).toHaveTextContent(text);
  });

  it('puts a 422 field error under the recipient', async () => {
    mockFetch({
      [listPath]: page([]),
      [testPath]: problem(422, 'Unprocessable Entity', 'validation failed', {
        errors: [{ field: 'to', message: 'must be a valid phone number, e.g. +14155550100' }],
      }),
    });
    signIn(adminMe);
    renderRoutes('/admin/messages');
    const form = testForm();
    await userEvent.type(form.getByLabelText(/Recipient/), '+1 000 000 0000');
    await userEvent.click(form.getByRole('button', { name: 'Send test SMS' }));

    expect(await form.findByText('Recipient must be a valid phone number, e.g. +14155550100.')).toBeInTheDocument();
    expect(form.getByLabelText(/Recipient/)).toHaveAttribute('aria-invalid', 'true');
    expect(form.queryByRole('alert')).not.toBeInTheDocument();
  });
});
