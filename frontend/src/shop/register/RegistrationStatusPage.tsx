import { Alert, Anchor, Button, Group, List, Loader, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconCircleDashed,
  IconClockHour4,
  IconLogin,
  IconRefresh,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, describeError } from '../../api/errors';
import { applicationStatusQuery, reviewPollMs, type ApplicationStatus } from '../../api/registrations';
import { loginPath } from '../../auth/redirects';
import { formatTime } from '../../format';
import { IssuedIds } from '../../components/IssuedIds';
import { RegisterStepper } from './RegisterStepper';
import { forgetApplication, loadApplication } from './storage';

/** `/register/:id`: step 4, what became of the application and what happens next. */
export function RegistrationStatusPage() {
  useDocumentTitle('Your registration · Order Management System');
  const { id = '' } = useParams();
  const stored = loadApplication();
  const token = stored?.id === id ? stored.token : null;

  return (
    <Stack gap="lg" maw={760} mx="auto" w="100%">
      <Title order={1}>Your registration</Title>
      {token ? <StatusView id={id} token={token} /> : <NoToken />}
    </Stack>
  );
}

/** The token lives in the tab that applied; without it the API cannot say anything. */
function NoToken() {
  return (
    <Alert color="blue" variant="light" icon={<IconClockHour4 aria-hidden />} title="We can’t show this application here">
      <Stack gap="xs">
        <Text size="sm">
          The status is only shown in the browser tab where you applied. We email and text you when it is decided:
          the message has your Registration ID and Login ID.
        </Text>
        <Group gap="md">
          <Anchor component={Link} to="/login" size="sm" underline="always">
            Log in
          </Anchor>
          <Anchor component={Link} to="/register" size="sm" underline="always">
            Start a new application
          </Anchor>
        </Group>
      </Stack>
    </Alert>
  );
}

function StatusView({ id, token }: { id: string; token: string }) {
  const query = useQuery(applicationStatusQuery(id, token));
  const status = query.data;

  if (query.isPending) {
    return (
      <Stack gap="sm" role="status" aria-label="Loading your application">
        <Skeleton height={60} />
        <Skeleton height={120} />
      </Stack>
    );
  }
  if (!status) {
    const gone = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Could not load your application">
        <Stack gap="sm" align="flex-start">
          <Text size="sm">{gone ? 'This application no longer exists. Please start again.' : describeError(query.error)}</Text>
          {gone ? (
            <Button size="xs" component={Link} to="/register" onClick={forgetApplication}>
              Start again
            </Button>
          ) : (
            <Button size="xs" color="red" leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => void query.refetch()}>
              Try again
            </Button>
          )}
        </Stack>
      </Alert>
    );
  }

  return (
    <Stack gap="lg">
      <RegisterStepper active={3} done={status.status === 'approved'} />
      <Outcome status={status} />
      {status.status === 'pending_review' ? (
        <Group gap="xs" aria-live="off">
          {query.isFetching ? <Loader size={14} aria-hidden /> : null}
          <Text size="sm" c="dimmed">
            Checked {formatTime(query.dataUpdatedAt)}; this page looks again every {reviewPollMs / 1000} seconds.
          </Text>
        </Group>
      ) : null}
    </Stack>
  );
}

function Outcome({ status }: { status: ApplicationStatus }) {
  const navigate = useNavigate();
  switch (status.status) {
    case 'approved':
      return (
        <Stack gap="md">
          <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} title="You are registered" role="status">
            Welcome! Your account is approved. Keep these two IDs: we also sent them to your email and phone.
          </Alert>
          {status.registration_id && status.login_id ? (
            <IssuedIds registrationId={status.registration_id} loginId={status.login_id} />
          ) : null}
          <Group>
            <Button
              size="md"
              leftSection={<IconLogin size={18} aria-hidden />}
              onClick={() => {
                forgetApplication();
                void navigate(loginPath({ login: status.login_id, next: '/account' }));
              }}
            >
              Log in
            </Button>
          </Group>
        </Stack>
      );
    case 'pending_review':
      return (
        <Stack gap="md">
          <Alert color="blue" variant="light" icon={<IconClockHour4 aria-hidden />} title="Our team is checking your application">
            Our team checks business details, usually within one working day. We’ll email and text you as soon as it is
            decided, with your Registration ID and Login ID.
          </Alert>
          <Checks status={status} />
        </Stack>
      );
    case 'rejected':
      return (
        <Stack gap="md">
          <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title="We could not approve your application">
            <Stack gap="xs">
              <Text size="sm">
                Reason: <strong>{status.reject_reason || 'no reason given'}</strong>
              </Text>
              <Text size="sm">If you think this is a mistake, reply to the email we sent you.</Text>
            </Stack>
          </Alert>
          <Group>
            <Button variant="default" component={Link} to="/register" onClick={forgetApplication}>
              Start a new application
            </Button>
          </Group>
        </Stack>
      );
    default:
      return (
        <Stack gap="md">
          <Alert color="blue" variant="light" icon={<IconClockHour4 aria-hidden />} title="Confirm your email and phone">
            We are still waiting for your codes.
          </Alert>
          <Checks status={status} />
          <Group>
            <Button component={Link} to="/register">
              Enter the codes
            </Button>
          </Group>
        </Stack>
      );
  }
}

function Checks({ status }: { status: ApplicationStatus }) {
  const item = (done: boolean, text: string) => (
    <List.Item
      icon={
        <ThemeIcon color={done ? 'teal.9' : 'gray.7'} size={22} radius="xl" aria-hidden>
          {done ? <IconCircleCheck size={16} /> : <IconCircleDashed size={16} />}
        </ThemeIcon>
      }
    >
      {text}: {done ? 'confirmed' : 'not confirmed yet'}
    </List.Item>
  );
  return (
    <List spacing="xs" center>
      {item(status.email_verified, 'Email address')}
      {item(status.phone_verified, 'Phone number')}
    </List>
  );
}
