import { Group, PasswordInput, Progress, Stack, Text, type PasswordInputProps } from '@mantine/core';
import { passwordPolicyText, passwordStrength } from './password';

interface NewPasswordInputProps extends Omit<PasswordInputProps, 'value' | 'description'> {
  value?: string;
}

/**
 * A password being chosen: the policy under the label, and a strength hint
 * under the field once something is typed. Pass Mantine form input props.
 */
export function NewPasswordInput({ value = '', error, ...props }: NewPasswordInputProps) {
  const strength = passwordStrength(value);

  return (
    <Stack gap={6}>
      <PasswordInput
        autoComplete="new-password"
        description={passwordPolicyText}
        value={value}
        error={error}
        // Mantine marks only its wrapper invalid; screen readers need it on the input.
        aria-invalid={error ? true : undefined}
        {...props}
      />
      {value ? (
        <Group gap="sm" wrap="nowrap" aria-live="polite">
          <Progress
            value={strength.score * 25 || 8}
            color={strength.color}
            size="sm"
            style={{ flex: 1 }}
            aria-hidden
          />
          <Text size="sm" miw={130} ta="right">
            Strength: {strength.label.toLowerCase()}
          </Text>
        </Group>
      ) : null}
    </Stack>
  );
}
