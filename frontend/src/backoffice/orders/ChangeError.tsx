import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { adminOrderKey } from '../../api/adminOrders';
import { describeError, sentence } from '../../api/errors';
import { isStale } from './useOrderChange';

/**
 * Why a change was refused, next to the button that tried it. A stale version
 * or a move the order's status no longer has means the order changed since
 * this page read it: reloading shows what it is now (and which steps are still
 * possible). Any other refusal is a rule about the order as it is.
 */
export function ChangeError({ error, reference, onReloaded }: { error: unknown; reference: string; onReloaded: () => void }) {
  const queryClient = useQueryClient();
  const [reloading, setReloading] = useState(false);
  if (!error) return null;

  if (isStale(error)) {
    const reload = async () => {
      setReloading(true);
      try {
        await queryClient.refetchQueries({ queryKey: adminOrderKey(reference), exact: true });
        onReloaded();
      } finally {
        setReloading(false);
      }
    };
    return (
      <Alert color="orange" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Someone else changed this order; reload">
        <Stack gap="sm" align="flex-start">
          <Text size="sm">
            It was changed after you opened it, so nothing was saved. Reload to see the order as it is now, then try again
            if it still applies.
          </Text>
          {error.problem?.detail ? (
            <Text size="xs" c="dimmed">
              The server said: {sentence(error.problem.detail)}
            </Text>
          ) : null}
          <Button size="xs" color="orange.9" leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => void reload()} loading={reloading}>
            Reload the order
          </Button>
        </Stack>
      </Alert>
    );
  }
  return (
    <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Not saved">
      {describeError(error)}
    </Alert>
  );
}
