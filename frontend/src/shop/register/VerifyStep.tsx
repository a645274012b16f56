import { Alert, Button, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ApiError, describeError } from '../../api/errors';
import { applicationStatusQuery, type ApplicationStatus, type VerifyChannel } from '../../api/registrations';
import { CodeCard } from './CodeCard';
import type { StoredApplication } from './storage';

interface VerifyStepProps {
  application: StoredApplication;
  onChange: (application: StoredApplication) => void;
  /** Both codes are verified: the application is approved or waits for review. */
  onDecided: (status: ApplicationStatus) => void;
  /** The server no longer knows the application (or the token): start again. */
  onLost: () => void;
}

/** Step 3: the email code and the SMS code, each verified (or re-sent) on its own. */
export function VerifyStep({ application, onChange, onDecided, onLost }: VerifyStepProps) {
  const queryClient = useQueryClient();
  const statusQuery = applicationStatusQuery(application.id, application.token);
  const status = useQuery(statusQuery);
  const data = status.data;

  useEffect(() => {
    if (data && data.status !== 'pending_verification') {
      onDecided(data);
    }
  }, [data, onDecided]);

  useEffect(() => {
    if (status.error instanceof ApiError && status.error.status === 404) {
      onLost();
    }
  }, [status.error, onLost]);

  if (status.isPending) {
    return (
      <SimpleGrid cols={{ base: 1, md: 2 }} role="status" aria-label="Loading your application">
        <Skeleton height={220} />
        <Skeleton height={220} />
      </SimpleGrid>
    );
  }
  if (!data) {
    return (
      <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Could not load your application">
        <Stack gap="sm" align="flex-start">
          <Text size="sm">{describeError(status.error)}</Text>
          <Button size="xs" color="red" leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => void status.refetch()}>
            Try again
          </Button>
        </Stack>
      </Alert>
    );
  }

  const card = (channel: VerifyChannel) => (
    <CodeCard
      applicationId={application.id}
      token={application.token}
      channel={channel}
      destination={channel === 'email' ? application.email : application.phone}
      verified={channel === 'email' ? data.email_verified : data.phone_verified}
      resendAfter={application.resendAfter[channel]}
      onResendAfter={(until) => onChange({ ...application, resendAfter: { ...application.resendAfter, [channel]: until } })}
      onVerified={(next) => queryClient.setQueryData(statusQuery.queryKey, next)}
      onStale={() => void status.refetch()}
      onLost={onLost}
    />
  );

  const done = Number(data.email_verified) + Number(data.phone_verified);
  return (
    <Stack gap="md">
      <Text>
        We sent one code to your email and another to your phone, to make sure both are yours.{' '}
        <Text span fw={600}>
          {done} of 2 confirmed.
        </Text>
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {card('email')}
        {card('sms')}
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        Codes work for 10 minutes. Nothing arrived? Check the spam folder, or ask for a new code after a minute.
      </Text>
    </Stack>
  );
}
