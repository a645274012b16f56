import { Alert, Anchor, Button, Card, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertTriangle, IconMailForward } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { requestPasswordReset } from '../../api/auth';
import { ApiError, describeError, fieldErrors } from '../../api/errors';

/** `/forgot-password`: asks for a reset code by email. The answer never says whether the account exists. */
export function ForgotPasswordPage() {
  useDocumentTitle('Forgot your password · Order Management System');
  const [params] = useSearchParams();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const titleId = useId();
  const form = useForm({
    initialValues: { login: params.get('login') ?? '' },
    validate: { login: (value) => (value.trim() ? null : 'Enter your Login ID or email') },
  });

  const submit = form.onSubmit(
    async ({ login }) => {
      setProblem(null);
      try {
        await requestPasswordReset(login.trim());
        setSentTo(login.trim());
      } catch (error) {
        const fields = error instanceof ApiError && error.status === 422 ? fieldErrors(error, { login: 'Login ID or email' }) : {};
        if (fields.login) {
          form.setFieldError('login', fields.login);
        } else {
          setProblem(describeError(error));
        }
      }
    },
    () => form.getInputNode('login')?.focus(),
  );

  return (
    <Stack gap="lg" maw={460} mx="auto" w="100%">
      <Stack gap={4}>
        <Title order={1} id={titleId}>
          Forgot your password?
        </Title>
        <Text c="dimmed">We email you a 6-digit code (and a link) to set a new one.</Text>
      </Stack>

      {sentTo ? (
        <Alert color="teal" variant="light" icon={<IconMailForward aria-hidden />} title="Check your email" role="status">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">
              If an account exists for <strong>{sentTo}</strong>, we emailed a code to its email address. It works for 15
              minutes. Open the link in the email, or enter the code on the next page.
            </Text>
            <Button component={Link} to={`/reset-password?${new URLSearchParams({ login: sentTo }).toString()}`} size="sm">
              Enter the code
            </Button>
          </Stack>
        </Alert>
      ) : null}

      <Card withBorder padding="lg">
        <form onSubmit={submit} noValidate aria-labelledby={titleId}>
          <Stack gap="md">
            <TextInput
              label="Login ID or email"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              withAsterisk
              {...form.getInputProps('login')}
            />
            <Button type="submit" loading={form.submitting} fullWidth>
              {sentTo ? 'Send another code' : 'Email me a code'}
            </Button>
            {problem ? (
              <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />}>
                {problem}
              </Alert>
            ) : null}
            <Anchor component={Link} to="/login" size="sm">
              Back to log in
            </Anchor>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
