import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { hasAnyRole, roleLabel } from './roles';
import { useSession } from './session';

/**
 * Inside the back office: renders its children only for staff with one of
 * `roles`. The server refuses the others too (403); this says so up front.
 */
export function RequireRole({ roles, children }: { roles: readonly string[]; children: ReactNode }) {
  const session = useSession();
  if (hasAnyRole(session?.me, roles)) {
    return children;
  }
  return (
    <Stack gap="sm" align="flex-start">
      <Title order={1}>Not available for your role</Title>
      <Text>
        This page is for {roles.map(roleLabel).join(', ')} staff. Ask an admin if you need access.
      </Text>
    </Stack>
  );
}
