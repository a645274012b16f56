import { Button, Container, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { loginPath } from './redirects';
import { endSession, useSessionState } from './session';
import { isStaff } from './roles';

/** Renders its children only for a staff session; everyone else is sent to log in. */
export function RequireStaff({ children }: { children: ReactNode }) {
  const { session, endReason } = useSessionState();
  const location = useLocation();

  if (!session) {
    const next = endReason === 'logout' ? null : `${location.pathname}${location.search}`;
    return <Navigate to={loginPath({ next, reason: endReason })} replace />;
  }
  if (!isStaff(session.me)) {
    return (
      <Container component="main" size="sm" py="xl">
        <Stack gap="md" align="flex-start">
          <Title order={1}>This area is for staff</Title>
          <Text>
            You are logged in as {session.me.name}, a customer account. Log out and log in with a staff account to
            use the back office.
          </Text>
          <Button onClick={() => endSession('logout')}>Log out</Button>
          <Button component={Link} to="/" variant="subtle">
            Go to the shop
          </Button>
        </Stack>
      </Container>
    );
  }
  return children;
}
