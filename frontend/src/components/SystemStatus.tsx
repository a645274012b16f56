import { Alert, Badge, Button, Card, Group, List, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { describeError } from '../api/errors';
import { readinessQuery, versionQuery, type Readiness, type VersionInfo } from '../api/system';

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/**
 * A card with the server's name, version and readiness, read from
 * `GET /api/v1/version` and `GET /readyz`.
 */
export function SystemStatus() {
  const titleId = useId();
  const version = useQuery(versionQuery);
  const readiness = useQuery(readinessQuery);
  const loading = version.isPending || readiness.isPending;
  const error = version.error ?? readiness.error;
  const retrying = version.isFetching || readiness.isFetching;

  const retry = () => {
    void version.refetch();
    void readiness.refetch();
  };

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={titleId} aria-busy={loading}>
      <Stack gap="md">
        <Title order={2} size="h3" id={titleId}>
          System status
        </Title>
        {error ? <LoadError message={describeError(error)} onRetry={retry} retrying={retrying} /> : null}
        {version.isPending && !version.isError ? <StatusSkeleton /> : null}
        {version.data ? <VersionDetails info={version.data} /> : null}
        {readiness.data ? <ReadinessDetails readiness={readiness.data} checkedAt={readiness.dataUpdatedAt} /> : null}
      </Stack>
    </Card>
  );
}

function StatusSkeleton() {
  return (
    <Stack gap="xs" role="status" aria-label="Loading system status">
      <Skeleton height={20} width="60%" />
      <Skeleton height={14} width="40%" />
      <Skeleton height={14} width="50%" />
    </Stack>
  );
}

function LoadError({ message, onRetry, retrying }: { message: string; onRetry: () => void; retrying: boolean }) {
  return (
    <Alert
      color="red"
      variant="light"
      title="Could not load the system status"
      icon={<IconAlertTriangle aria-hidden />}
      role="alert"
    >
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{message}</Text>
        <Button
          size="xs"
          variant="filled"
          color="red"
          leftSection={<IconRefresh size={16} aria-hidden />}
          onClick={onRetry}
          loading={retrying}
        >
          Try again
        </Button>
      </Stack>
    </Alert>
  );
}

function VersionDetails({ info }: { info: VersionInfo }) {
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Text fw={600} size="lg">
          {info.name}
        </Text>
        {info.demo ? (
          <Badge color="grape" variant="light">
            Demo mode
          </Badge>
        ) : null}
      </Group>
      <Text size="sm">
        Version {info.version}
        {info.commit ? <> · commit {info.commit.slice(0, 12)}</> : null}
      </Text>
      {info.demo ? (
        <Text size="sm" c="dimmed">
          This server runs with demonstration data.
        </Text>
      ) : null}
    </Stack>
  );
}

function ReadinessDetails({ readiness, checkedAt }: { readiness: Readiness; checkedAt: number }) {
  const checked = `Checked at ${timeFormat.format(checkedAt)}`;

  if (!readiness.ready) {
    const problem = readiness.problem;
    return (
      <Stack gap="xs">
        <Group gap="xs">
          <Badge color="red.9">Not ready</Badge>
          <Text size="sm" c="dimmed">
            {checked}
          </Text>
        </Group>
        <Text size="sm">
          {problem?.detail || problem?.title || 'The server is running but cannot serve requests yet.'}
        </Text>
      </Stack>
    );
  }

  const checks = Object.entries(readiness.checks);
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Badge color="teal.9">Ready</Badge>
        <Text size="sm" c="dimmed">
          {checked}
        </Text>
      </Group>
      {checks.length > 0 ? (
        <List size="sm" aria-label="Readiness checks">
          {checks.map(([name, status]) => (
            <List.Item key={name}>
              {name}: {status}
            </List.Item>
          ))}
        </List>
      ) : null}
    </Stack>
  );
}
