import { Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { CopyValue } from './CopyValue';
import classes from './IssuedIds.module.css';

/** The permanent Registration ID and the Login ID, large, each with a copy button. */
export function IssuedIds({
  registrationId,
  loginId,
  audience = 'customer',
}: {
  registrationId: string;
  loginId: string;
  /** Whose IDs: the hints speak to the customer, or about them (back office). */
  audience?: 'customer' | 'staff';
}) {
  const staff = audience === 'staff';
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <IdBox
        label="Registration ID"
        value={registrationId}
        hint={staff ? 'The customer’s permanent number.' : 'Your permanent customer number.'}
      />
      <IdBox
        label="Login ID"
        value={loginId}
        hint={staff ? 'They log in with it (or their email).' : 'Log in with it (or your email) and your password.'}
      />
    </SimpleGrid>
  );
}

function IdBox({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          {label}
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Text className={classes.bigId} data-testid={label === 'Login ID' ? 'login-id' : 'registration-id'}>
            {value}
          </Text>
          <CopyValue value={value} label={label} />
        </Group>
        <Text size="sm" c="dimmed">
          {hint}
        </Text>
      </Stack>
    </Paper>
  );
}
