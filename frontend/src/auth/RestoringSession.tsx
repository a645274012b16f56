import { Center, Loader, Stack, Text } from '@mantine/core';

/** Shown while the refresh cookie is traded for a new access token after a reload. */
export function RestoringSession() {
  return (
    <Center mih="50vh" p="xl">
      <Stack align="center" gap="sm" role="status" aria-live="polite">
        <Loader aria-hidden />
        <Text>Signing you in…</Text>
      </Stack>
    </Center>
  );
}
