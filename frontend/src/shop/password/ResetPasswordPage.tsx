import { Alert, Anchor, Button, Card, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { confirmPasswordReset } from '../../api/auth';
import { ApiError, describeError, fieldErrors } from '../../api/errors';
import { loginPath } from '../../auth/redirects';
import { NewPasswordInput } from '../../components/NewPasswordInput';
import { passwordProblem } from '../../components/password';

const labels = { login: 'Login ID or email', code: 'Code from the email', new_password: 'New password' } as const;
const order = ['login', 'code', 'new_password'] as const;

/** `/reset-password?login=…&code=…`: the link in the reset email; sets a new password with the code. */
export function ResetPasswordPage() {
  useDocumentTitle('Set a new password · Order Management System');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<string | null>(null);
  const titleId = useId();
  const form = useForm({
    initialValues: { login: params.get('login') ?? '', code: params.get('code') ?? '', new_password: '' },
    validate: {
      login: (value) => (value.trim() ? null : 'Enter your Login ID or email'),
      code: (value) => (/^\d{6}$/.test(value.trim()) ? null : 'Enter the 6 digits from the email'),
      new_password: (value, values) => passwordProblem(value, values.login.includes('@') ? [values.login] : []),
    },
  });

  const focusFirst = (errors: Record<string, unknown>) => {
    const first = order.find((field) => errors[field]);
    if (first) form.getInputNode(first)?.focus();
  };

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    const login = values.login.trim();
    try {
      await confirmPasswordReset({ login, code: values.code.trim(), new_password: values.new_password });
      void navigate(loginPath({ reason: 'password-reset', login }), { replace: true });
    } catch (error) {
      const fields = error instanceof ApiError && error.status === 422 ? fieldErrors(error, labels) : {};
      const known = Object.fromEntries(Object.entries(fields).filter(([field]) => field in labels));
      if (Object.keys(known).length > 0) {
        form.setErrors(known);
        focusFirst(known);
      } else {
        setProblem(describeError(error));
      }
    }
  }, focusFirst);

  return (
    <Stack gap="lg" maw={460} mx="auto" w="100%">
      <Stack gap={4}>
        <Title order={1} id={titleId}>
          Set a new password
        </Title>
        <Text c="dimmed">Enter the code we emailed you and choose a new password. Every login of the account then ends.</Text>
      </Stack>
      <Card withBorder padding="lg">
        <form onSubmit={submit} noValidate aria-labelledby={titleId}>
          <Stack gap="md">
            <TextInput
              label={labels.login}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              withAsterisk
              {...form.getInputProps('login')}
            />
            <TextInput
              label={labels.code}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              withAsterisk
              {...form.getInputProps('code')}
            />
            <NewPasswordInput label={labels.new_password} withAsterisk {...form.getInputProps('new_password')} />
            <Button type="submit" loading={form.submitting} fullWidth>
              Set new password
            </Button>
            {problem ? (
              <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />}>
                {problem}
              </Alert>
            ) : null}
            <Anchor component={Link} to="/forgot-password" size="sm">
              No code, or it expired? Ask for a new one
            </Anchor>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
