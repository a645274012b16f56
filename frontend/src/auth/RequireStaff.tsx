import { Button, Container, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { logOut } from '../api/auth';
import { RequireSession } from './RequireSession';
import { isStaff } from './roles';
import { useSession } from './session';

/** Renders its children only for a staff session; everyone else is sent to log in. */
export function RequireStaff({ children }: { children: ReactNode }) {
  return (
    <RequireSession>
      <StaffOnly>{children}</StaffOnly>
    </RequireSession>
  );
}

function StaffOnly({ children }: { children: ReactNode }) {
  const session = useSession();
  if (session && !isStaff(session.me)) {
    return (
      <Container component="main" size="sm" py="xl">
        <Stack gap="md" align="flex-start">
          <Title order={1}>This area is for staff</Title>
          <Text>
            You are logged in as {session.me.name}, a customer account. Log out and log in with a staff account to
            use the back office.
          </Text>
          <Button onClick={() => void logOut()}>Log out</Button>
          <Button component={Link} to="/account" variant="subtle">
            Go to my account
          </Button>
        </Stack>
      </Container>
    );
  }
  return children;
}
