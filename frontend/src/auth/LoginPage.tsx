import { Alert, Anchor, Button, Card, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertTriangle, IconCircleCheck, IconClockHour4, IconInfoCircle } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { logIn } from '../api/auth';
import { ApiError, describeError, fieldErrors, sentence } from '../api/errors';
import { formatWait } from '../format';
import { safeNext } from './redirects';
import { isStaff } from './roles';
import { startSession, useSession, type Me } from './session';

interface LoginValues {
  login: string;
  password: string;
}

const labels = { login: 'Login ID or email', password: 'Password' } as const;

/** Where someone goes after logging in when the URL names no `next`. */
export function homeOf(me: Me): string {
  return isStaff(me) ? '/admin' : '/account';
}

/** `/login`: one form for customers and staff. */
export function LoginPage() {
  useDocumentTitle('Log in · Order Management System');
  const session = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const reason = params.get('reason');
  const prefilledLogin = params.get('login') ?? '';
  const [serverError, setServerError] = useState<string | null>(null);
  const titleId = useId();
  const errorId = useId();

  const form = useForm<LoginValues>({
    mode: 'uncontrolled',
    initialValues: { login: prefilledLogin, password: '' },
    validate: {
      login: (value) => (value.trim() ? null : 'Enter your Login ID or email'),
      password: (value) => (value ? null : 'Enter your password'),
    },
  });

  const focusFirstError = (errors: Record<string, unknown>) => {
    const first = (['login', 'password'] as const).find((field) => errors[field]);
    if (first) {
      form.getInputNode(first)?.focus();
    }
  };

  const submit = form.onSubmit(
    async (values) => {
      setServerError(null);
      try {
        startSession(await logIn({ login: values.login.trim(), password: values.password }));
        // The session re-renders this page, which then redirects (below).
      } catch (error) {
        if (error instanceof ApiError && error.status === 422) {
          const errors = fieldErrors(error, { login: labels.login, password: labels.password });
          const known = Object.fromEntries(Object.entries(errors).filter(([field]) => field in labels));
          form.setErrors(known);
          focusFirstError(known);
          if (Object.keys(known).length === 0) {
            setServerError(describeError(error));
          }
        } else if (error instanceof ApiError && error.status === 401) {
          setServerError(sentence(error.problem?.detail || error.problem?.title || 'The login or password is wrong'));
        } else if (error instanceof ApiError && error.status === 429) {
          // Too many failed logins for this account or network: say how long to wait.
          const wait = error.retryAfterSeconds;
          setServerError(
            `${sentence(error.problem?.detail || 'Too many failed logins')} ${
              wait !== undefined ? `Try again in ${formatWait(wait)}.` : 'Try again later.'
            }`,
          );
        } else {
          setServerError(describeError(error));
        }
      }
    },
    (errors) => focusFirstError(errors),
  );

  if (session) {
    return <Navigate to={next ?? homeOf(session.me)} replace />;
  }

  return (
    <Stack gap="lg" maw={420} mx="auto" w="100%">
      <Stack gap={4}>
        <Title order={1} id={titleId}>
          Log in
        </Title>
        <Text c="dimmed">Customers: your Login ID (such as C000123) or email. Staff: your work email.</Text>
      </Stack>

      <ReasonNotice reason={reason} />

      <Card withBorder padding="lg">
        <form onSubmit={submit} noValidate aria-labelledby={titleId} aria-describedby={serverError ? errorId : undefined}>
          <Stack gap="md">
            <TextInput
              label={labels.login}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              withAsterisk
              key={form.key('login')}
              {...form.getInputProps('login')}
            />
            <PasswordInput
              label={labels.password}
              autoComplete="current-password"
              withAsterisk
              key={form.key('password')}
              {...form.getInputProps('password')}
              // Mantine marks only its wrapper invalid; screen readers need it on the input.
              aria-invalid={form.errors.password ? true : undefined}
            />
            <Button type="submit" loading={form.submitting} fullWidth>
              Log in
            </Button>
            {serverError ? (
              <Alert
                id={errorId}
                color="red"
                variant="light"
                role="alert"
                icon={<IconAlertTriangle aria-hidden />}
                title="Could not log in"
              >
                {serverError}
              </Alert>
            ) : null}
            <Group justify="space-between" gap="xs">
              <Anchor component={Link} to="/forgot-password" size="sm">
                Forgot your password?
              </Anchor>
              <Anchor component={Link} to="/register" size="sm">
                New customer? Register
              </Anchor>
            </Group>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}

/** Why the user is on the login page, when the URL says (`reason=`). */
function ReasonNotice({ reason }: { reason: string | null }) {
  switch (reason) {
    case 'session-ended':
      // Blue, not yellow: Mantine's yellow text on its light yellow fails AA contrast.
      return (
        <Alert color="blue" variant="light" icon={<IconClockHour4 aria-hidden />} title="Your session ended">
          For your security you were logged out. Log in again to continue where you were.
        </Alert>
      );
    case 'logged-out':
      return (
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
          You are logged out.
        </Alert>
      );
    case 'password-changed':
      return (
        <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} title="Password changed">
          Your password was changed and you were logged out everywhere. Log in with the new one.
        </Alert>
      );
    case 'password-reset':
      return (
        <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} title="New password set">
          Your password was reset. Log in with the new one.
        </Alert>
      );
    default:
      return null;
  }
}
