import { Alert, Button, Card, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { changePassword } from '../../api/auth';
import { ApiError, describeError, fieldErrors } from '../../api/errors';
import type { Me } from '../../auth/session';
import { NewPasswordInput } from '../../components/NewPasswordInput';
import { passwordProblem } from '../../components/password';

const labels = { current_password: 'Current password', new_password: 'New password' } as const;
const order = ['current_password', 'new_password'] as const;

/**
 * Current and new password. The server then ends every login of the account
 * (this one too): `onChanged` logs out here and says why.
 */
export function ChangePasswordForm({ me, onChanged }: { me: Me; onChanged: () => void }) {
  const titleId = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({
    initialValues: { current_password: '', new_password: '' },
    validate: {
      current_password: (value) => (value ? null : 'Enter your current password'),
      new_password: (value, values) =>
        passwordProblem(value, [me.name, me.email]) ??
        (value === values.current_password ? 'Choose a password different from the current one' : null),
    },
  });

  const focusFirst = (errors: Record<string, unknown>) => {
    const first = order.find((field) => errors[field]);
    if (first) form.getInputNode(first)?.focus();
  };

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    try {
      await changePassword(values);
      onChanged();
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
    <Card withBorder padding="lg" component="section" aria-labelledby={titleId}>
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={2} size="h4" id={titleId}>
            Change password
          </Title>
          <Text size="sm" c="dimmed">
            You will be logged out everywhere, then log in with the new password.
          </Text>
        </Stack>
        <form onSubmit={submit} noValidate aria-labelledby={titleId}>
          <Stack gap="md">
            {/* Lets password managers tie the new password to the right account. */}
            <input type="text" name="username" autoComplete="username" value={me.login_id ?? me.email} readOnly hidden />
            <PasswordInput
              label={labels.current_password}
              autoComplete="current-password"
              withAsterisk
              {...form.getInputProps('current_password')}
              aria-invalid={form.errors.current_password ? true : undefined}
            />
            <NewPasswordInput label={labels.new_password} withAsterisk {...form.getInputProps('new_password')} />
            {problem ? (
              <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />}>
                {problem}
              </Alert>
            ) : null}
            <div>
              <Button type="submit" loading={form.submitting}>
                Change password
              </Button>
            </div>
          </Stack>
        </form>
      </Stack>
    </Card>
  );
}
