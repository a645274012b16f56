import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mockFetch, problem, requestsTo, type FakeResponse } from '../../test/fetchMock';
import { problemTypes } from '../../api/problems';
import { currentUrl, renderRoutes } from '../../test/renderRoutes';
import { REGISTRATION_STORAGE_KEY, type StoredApplication } from './storage';

const appId = '01a2139a-166d-7dae-a580-82c3644cd91a';
const created: FakeResponse = { status: 201, body: { id: appId, status: 'pending_verification', token: 'tok-app' } };
const statusBody = (overrides: Record<string, unknown> = {}) => ({
  id: appId,
  status: 'pending_verification',
  email_verified: false,
  phone_verified: false,
  registration_id: null,
  login_id: null,
  reject_reason: null,
  ...overrides,
});

function stored(overrides: Partial<StoredApplication> = {}): StoredApplication {
  return {
    id: appId,
    token: 'tok-app',
    type: 'consumer',
    email: 'ada@example.com',
    phone: '+1 415 555 0142',
    resendAfter: { email: 0, sms: 0 },
    ...overrides,
  };
}

function resume(application: StoredApplication = stored()) {
  window.sessionStorage.setItem(REGISTRATION_STORAGE_KEY, JSON.stringify(application));
}

const field = (name: RegExp | string) => screen.getByRole('textbox', { name });

async function chooseType(label: 'Personal' | 'Business') {
  await userEvent.click(await screen.findByRole('radio', { name: new RegExp(`^${label}`) }));
  await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
  await screen.findByRole('form', { name: 'Your details' });
}

/** Types by pasting: as real for the form, much faster than a key at a time. */
async function fill(element: HTMLElement, text: string) {
  await userEvent.click(element);
  await userEvent.paste(text);
}

async function fillConsumer() {
  await fill(field(/Full name/), 'Ada Lovelace');
  await fill(field(/^Email/), 'ada@example.com');
  await fill(screen.getByRole('textbox', { name: /Mobile phone/ }), '+1 415 555 0142');
  await fill(screen.getByLabelText(/^Password/), 'violet tractor moonbeam');
  await fill(field(/Street address/), '1 Market Street');
  await fill(field(/^City/), 'San Francisco');
  await fill(field(/Postal code/), '94105');
  await userEvent.selectOptions(screen.getByRole('combobox', { name: /Country/ }), 'US');
}

describe('registration wizard: steps 1 and 2', () => {
  it('explains both account types and continues only once one is chosen', async () => {
    mockFetch({});
    renderRoutes('/register');
    expect(await screen.findByRole('heading', { level: 1, name: 'Register' })).toBeInTheDocument();
    expect(screen.getByText('Step 1 of 4: Account type')).toBeInTheDocument();
    const personal = screen.getByRole('radio', { name: /^Personal/ });
    expect(personal).toHaveAccessibleName(expect.stringContaining('as soon as your email and phone are confirmed'));
    expect(screen.getByRole('radio', { name: /^Business/ })).toHaveAccessibleName(
      expect.stringContaining('Our team checks the company'),
    );
    expect(screen.getByRole('button', { name: 'Continue' })).toBeDisabled();

    await chooseType('Personal');
    expect(screen.getByText('Step 2 of 4: Your details')).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Company' })).not.toBeInTheDocument();
    // The phone hint asks for the country code; the password policy is spelled out.
    expect(screen.getByRole('textbox', { name: /Mobile phone/ })).toHaveAccessibleDescription(/country code/);
    expect(screen.getByLabelText(/^Password/)).toHaveAccessibleDescription(/At least 12 characters/);
  });

  it('checks the fields before asking the server', async () => {
    const fetchMock = mockFetch({ '/api/v1/registrations': created });
    renderRoutes('/register');
    await chooseType('Business');
    await userEvent.click(screen.getByRole('button', { name: 'Send codes' }));

    expect(await screen.findByText('Enter your full name')).toBeInTheDocument();
    expect(screen.getByText('Enter your email address')).toBeInTheDocument();
    expect(screen.getByText('Enter your mobile phone number')).toBeInTheDocument();
    expect(screen.getByText('Choose a password')).toBeInTheDocument();
    expect(screen.getByText('Enter the company’s legal name')).toBeInTheDocument();
    expect(screen.getByText('Enter the tax ID')).toBeInTheDocument();
    expect(screen.getByText('Enter the city')).toBeInTheDocument();
    expect(field(/Full name/)).toHaveFocus();
    expect(field(/Full name/)).toHaveAttribute('aria-invalid', 'true');

    await userEvent.type(field(/Full name/), 'Ada Lovelace');
    await userEvent.type(field(/^Email/), 'ada@');
    await userEvent.type(screen.getByRole('textbox', { name: /Mobile phone/ }), '415');
    await userEvent.type(screen.getByLabelText(/^Password/), 'lovelace is great');
    await userEvent.click(screen.getByRole('button', { name: 'Send codes' }));
    expect(await screen.findByText('Enter a valid email address, e.g. name@example.com')).toBeInTheDocument();
    expect(screen.getByText(/Enter the full number with the country code/)).toBeInTheDocument();
    expect(screen.getByText('Do not use your name or email address in the password')).toBeInTheDocument();

    await userEvent.clear(screen.getByLabelText(/^Password/));
    await userEvent.type(screen.getByLabelText(/^Password/), 'short');
    expect(screen.getByText('Strength: too short')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Send codes' }));
    expect(await screen.findByText('Use at least 12 characters (5 so far)')).toBeInTheDocument();
    expect(requestsTo(fetchMock, '/api/v1/registrations')).toHaveLength(0);
  });

  it('puts the server’s field errors under the right fields, nested ones included', async () => {
    mockFetch({
      '/api/v1/registrations': problem(422, 'Unprocessable Entity', 'the application has invalid fields', {
        errors: [
          { field: 'phone', message: 'must be a valid phone number; include the country code, e.g. +14155550100' },
          { field: 'password', message: 'is one of the most common passwords; choose another' },
          { field: 'address.city', message: 'must be at most 100 characters' },
          { field: 'company.tax_id', message: 'is required for a business' },
        ],
      }),
    });
    renderRoutes('/register');
    await chooseType('Business');
    await fillConsumer();
    await fill(field(/Legal company name/), 'Acme Supplies Inc.');
    await fill(field(/Tax ID/), 'X');
    await fill(field(/Company registration number/), 'C1234567');
    await userEvent.click(screen.getByRole('button', { name: 'Send codes' }));

    const phone = screen.getByRole('textbox', { name: /Mobile phone/ });
    await waitFor(() => expect(phone).toHaveAttribute('aria-invalid', 'true'));
    expect(phone).toHaveAccessibleDescription(
      expect.stringContaining('Mobile phone must be a valid phone number; include the country code, e.g. +14155550100.'),
    );
    expect(phone).toHaveFocus(); // the first field with an error
    expect(screen.getByLabelText(/^Password/)).toHaveAccessibleDescription(
      expect.stringContaining('Password is one of the most common passwords; choose another.'),
    );
    expect(field(/^City/)).toHaveAccessibleDescription('City must be at most 100 characters.');
    expect(field(/Tax ID/)).toHaveAccessibleDescription(expect.stringContaining('Tax ID is required for a business.'));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('explains a 409 (already a customer) with links to log in and reset the password', async () => {
    mockFetch({ '/api/v1/registrations': problem(409, 'Conflict', 'an account with this phone number already exists', { type: problemTypes.alreadyExists, subject: 'phone' }) });
    renderRoutes('/register');
    await chooseType('Personal');
    await fillConsumer();
    await userEvent.click(screen.getByRole('button', { name: 'Send codes' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('An account with this phone number already exists. If it is yours, log in or reset your password.');
    expect(within(alert).getByRole('link', { name: 'reset your password' })).toHaveAttribute('href', '/forgot-password');
  });

  it('sends the application, keeps it for a reload and moves on to the codes', async () => {
    const fetchMock = mockFetch({
      '/api/v1/registrations': created,
      [`/api/v1/registrations/${appId}`]: { status: 200, body: statusBody() },
    });
    renderRoutes('/register');
    await chooseType('Personal');
    await fillConsumer();
    await userEvent.click(screen.getByRole('button', { name: 'Send codes' }));

    expect(await screen.findByText('Step 3 of 4: Verify')).toBeInTheDocument();
    expect(await requestsTo(fetchMock, '/api/v1/registrations')[0]?.json()).toEqual({
      type: 'consumer',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      phone: '+1 415 555 0142',
      password: 'violet tractor moonbeam',
      address: { line1: '1 Market Street', line2: '', city: 'San Francisco', postal_code: '94105', country: 'US' },
      company: null,
    });
    const saved = JSON.parse(window.sessionStorage.getItem(REGISTRATION_STORAGE_KEY) ?? '{}') as StoredApplication;
    expect(saved).toMatchObject({ id: appId, token: 'tok-app', email: 'ada@example.com' });
    expect(JSON.stringify(saved)).not.toContain('violet'); // never the password
    // Codes were just sent: a new one can be asked for in a minute.
    const waits = await screen.findAllByRole('button', { name: /^Send a new code in (1:00|0:59)$/ });
    expect(waits).toHaveLength(2); // email and SMS
    for (const button of waits) expect(button).toBeDisabled();
    const status = requestsTo(fetchMock, `/api/v1/registrations/${appId}`)[0];
    expect(new URL(status!.url).searchParams.get('token')).toBe('tok-app');
  });
});

describe('registration wizard: step 3, the codes', () => {
  it('resumes at the codes after a reload and verifies each one', async () => {
    let answer = statusBody({ email_verified: true });
    const fetchMock = mockFetch({
      [`/api/v1/registrations/${appId}`]: () => ({ status: 200, body: answer }),
      [`/api/v1/registrations/${appId}/verify`]: async (request) => {
        const body = (await request.clone().json()) as { code: string };
        if (body.code !== '660333') {
          return problem(422, 'Unprocessable Entity', 'validation failed', {
            errors: [{ field: 'code', message: 'is not the code we sent; check the latest message' }],
          });
        }
        answer = statusBody({ email_verified: true, phone_verified: true, status: 'approved', registration_id: 'REG-2026-000003', login_id: 'C000003' });
        return { status: 200, body: answer };
      },
    });
    resume();
    const router = renderRoutes('/register');

    const email = await screen.findByRole('region', { name: 'Email code' });
    expect(within(email).getByText('Verified')).toBeInTheDocument();
    expect(within(email).queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.getByText('1 of 2 confirmed.')).toBeInTheDocument();

    const sms = screen.getByRole('region', { name: 'SMS code' });
    const input = within(sms).getByRole('textbox', { name: 'Code from the SMS' });
    expect(input).toHaveAttribute('autocomplete', 'one-time-code');
    await userEvent.type(input, '12');
    await userEvent.click(within(sms).getByRole('button', { name: 'Verify' }));
    expect(await within(sms).findByText('Enter the 6 digits from the text message')).toBeInTheDocument();

    await userEvent.clear(input);
    await userEvent.type(input, '000000{Enter}');
    expect(await within(sms).findByText('The code is not the code we sent; check the latest message.')).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');

    await userEvent.clear(input);
    await userEvent.type(input, '660333{Enter}');
    expect(await screen.findByRole('heading', { level: 1, name: 'Your registration' })).toBeInTheDocument();
    expect(currentUrl(router)).toBe(`/register/${appId}`);
    expect(await screen.findByTestId('registration-id')).toHaveTextContent('REG-2026-000003');
    expect(screen.getByTestId('login-id')).toHaveTextContent('C000003');
    const sent = requestsTo(fetchMock, `/api/v1/registrations/${appId}/verify`);
    expect(sent).toHaveLength(2); // "12" never left the browser
    expect(await sent[1]?.json()).toEqual({ token: 'tok-app', channel: 'sms', code: '660333' });
  });

  it('counts down after sending a new code, and after a 429 for as long as Retry-After says', async () => {
    let resendAnswer: FakeResponse = { status: 202, body: null };
    const fetchMock = mockFetch({
      [`/api/v1/registrations/${appId}`]: { status: 200, body: statusBody() },
      [`/api/v1/registrations/${appId}/resend`]: () => resendAnswer,
    });
    resume();
    renderRoutes('/register');
    const email = await screen.findByRole('region', { name: 'Email code' });
    const sms = screen.getByRole('region', { name: 'SMS code' });

    await userEvent.click(within(email).getByRole('button', { name: 'Send a new code' }));
    expect(await within(email).findByRole('status')).toHaveTextContent(
      'A new code is on its way to ada@example.com. The previous code no longer works.',
    );
    expect(within(email).getByRole('button', { name: /^Send a new code in (1:00|0:59)$/ })).toBeDisabled();
    expect(await requestsTo(fetchMock, `/api/v1/registrations/${appId}/resend`)[0]?.json()).toEqual({
      token: 'tok-app',
      channel: 'email',
    });
    // The SMS has its own timer, and the wait survives a reload.
    expect(within(sms).getByRole('button', { name: 'Send a new code' })).toBeEnabled();
    const saved = JSON.parse(window.sessionStorage.getItem(REGISTRATION_STORAGE_KEY) ?? '{}') as StoredApplication;
    expect(saved.resendAfter.email).toBeGreaterThan(Date.now() + 55_000);

    resendAnswer = problem(429, 'Too Many Requests', 'a code was sent less than a minute ago; wait for it or try again shortly', {
      headers: { 'Retry-After': '42' },
    });
    await userEvent.click(within(sms).getByRole('button', { name: 'Send a new code' }));
    expect(await within(sms).findByRole('alert')).toHaveTextContent(
      'A code was sent less than a minute ago; wait for it or try again shortly. You can ask again in 42 seconds.',
    );
    expect(within(sms).getByRole('button', { name: /^Send a new code in 0:4[12]$/ })).toBeDisabled();
  });

  it('the countdown ticks every second and re-enables the button at zero', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      mockFetch({ [`/api/v1/registrations/${appId}`]: { status: 200, body: statusBody() } });
      resume(stored({ resendAfter: { email: Date.now() + 3_000, sms: 0 } }));
      renderRoutes('/register');
      const email = await screen.findByRole('region', { name: 'Email code' });
      expect(within(email).getByRole('button', { name: /^Send a new code in 0:0[23]$/ })).toBeDisabled();
      await act(() => vi.advanceTimersByTimeAsync(1_000));
      expect(within(email).getByRole('button', { name: /^Send a new code in 0:0[12]$/ })).toBeDisabled();
      await act(() => vi.advanceTimersByTimeAsync(2_500));
      expect(within(email).getByRole('button', { name: 'Send a new code' })).toBeEnabled();
    } finally {
      vi.useRealTimers();
    }
  });

  it('starts over when the server no longer knows the application', async () => {
    mockFetch({ [`/api/v1/registrations/${appId}`]: problem(404, 'Not Found', 'application not found') });
    resume();
    renderRoutes('/register');
    expect(await screen.findByText('Your application was not found')).toBeInTheDocument();
    expect(screen.getByText('Step 1 of 4: Account type')).toBeInTheDocument();
    expect(window.sessionStorage.getItem(REGISTRATION_STORAGE_KEY)).toBeNull();
  });
});

describe('registration status page', () => {
  it('explains the review of a business application and keeps asking', async () => {
    const fetchMock = mockFetch({
      [`/api/v1/registrations/${appId}`]: {
        status: 200,
        body: statusBody({ status: 'pending_review', email_verified: true, phone_verified: true }),
      },
    });
    resume(stored({ type: 'business' }));
    renderRoutes(`/register/${appId}`);
    expect(await screen.findByText('Our team is checking your application')).toBeInTheDocument();
    expect(screen.getByText(/usually within one working day/)).toBeInTheDocument();
    expect(screen.getByText('Email address: confirmed')).toBeInTheDocument();
    expect(screen.getByText(/this page looks again every 10 seconds/)).toBeInTheDocument();
    expect(requestsTo(fetchMock, `/api/v1/registrations/${appId}`)).toHaveLength(1);
  });

  it('shows the IDs of an approved application and logs in with the Login ID', async () => {
    mockFetch({
      [`/api/v1/registrations/${appId}`]: {
        status: 200,
        body: statusBody({ status: 'approved', email_verified: true, phone_verified: true, registration_id: 'REG-2026-000007', login_id: 'C000007' }),
      },
    });
    resume();
    const router = renderRoutes(`/register/${appId}`);
    expect(await screen.findByText('You are registered')).toBeInTheDocument();
    expect(screen.getByTestId('registration-id')).toHaveTextContent('REG-2026-000007');
    expect(screen.getByRole('button', { name: 'Copy Login ID' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(currentUrl(router)).toBe('/login?next=%2Faccount&login=C000007');
    expect(screen.getByRole('textbox', { name: /Login ID or email/ })).toHaveValue('C000007');
  });

  it('gives the reason of a rejection', async () => {
    mockFetch({
      [`/api/v1/registrations/${appId}`]: {
        status: 200,
        body: statusBody({ status: 'rejected', reject_reason: 'We could not confirm the company registration number.' }),
      },
    });
    resume();
    renderRoutes(`/register/${appId}`);
    expect(await screen.findByText('We could not approve your application')).toBeInTheDocument();
    expect(screen.getByText('We could not confirm the company registration number.')).toBeInTheDocument();
  });

  it('says why it cannot show an application from another tab', async () => {
    mockFetch({});
    renderRoutes(`/register/${appId}`);
    expect(await screen.findByText('We can’t show this application here')).toBeInTheDocument();
  });
});
