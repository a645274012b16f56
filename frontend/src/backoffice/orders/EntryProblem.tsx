import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCopy, IconRefresh } from '@tabler/icons-react';
import { Link } from 'react-router';
import { ApiError, describeError, sentence } from '../../api/errors';
import { duplicateOf, inProgress, outOfStock, retrySameAttempt } from '../../shop/checkout/attempt';
import { orderPath } from './OrderList';

interface EntryProblemProps {
  error: unknown;
  /** Sends the same attempt again (same Idempotency-Key). */
  onRetry: () => void;
  /** Places it although it looks like a repeat (confirm_duplicate, a new key). */
  onConfirmDuplicate: () => void;
  busy: boolean;
  /** Field errors were put on the form: only say so. */
  onFields: boolean;
  /** A 422's messages that belong to no form field. */
  messages: string[];
}

/** Why the order was not placed, and what to do next (the same cases as the shop's checkout). */
export function EntryProblem({ error, onRetry, onConfirmDuplicate, busy, onFields, messages }: EntryProblemProps) {
  const duplicate = duplicateOf(error);
  if (duplicate) {
    return (
      <Alert color="yellow" variant="light" title="This looks like a repeat order" icon={<IconCopy aria-hidden />} role="alert">
        <Stack gap="sm">
          <Text size="sm">
            This customer placed{' '}
            <Anchor component={Link} to={orderPath(duplicate)} inherit underline="always">
              {duplicate}
            </Anchor>{' '}
            a moment ago with the same products and total. Place this one too only if they want both.
          </Text>
          <Group gap="xs">
            <Button size="sm" onClick={onConfirmDuplicate} loading={busy}>
              Place it anyway
            </Button>
            <Button size="sm" variant="default" component={Link} to={orderPath(duplicate)}>
              Open {duplicate}
            </Button>
          </Group>
        </Stack>
      </Alert>
    );
  }
  if (outOfStock(error)) {
    return (
      <Alert color="red" variant="light" title="Not enough stock" icon={<IconAlertTriangle aria-hidden />} role="alert">
        <Text size="sm">
          {sentence((error as ApiError).problem?.detail ?? 'A product is out of stock')} Nothing was ordered: lower the quantity
          or remove the line, then place the order again.
        </Text>
      </Alert>
    );
  }
  if (error instanceof ApiError && retrySameAttempt(error)) {
    const running = error.status === 409 && inProgress(error);
    return (
      <Alert
        color={running ? 'blue' : 'red'}
        variant="light"
        title={running ? 'The order is still being placed' : 'We could not confirm the order'}
        icon={<IconAlertTriangle aria-hidden />}
        role="alert"
      >
        <Stack gap="sm" align="flex-start">
          <Text size="sm">
            {running
              ? 'The first try has not finished yet. Check again in a moment.'
              : `${describeError(error)} It may or may not have been placed: trying again is safe, the same order is never placed twice.`}
          </Text>
          <Button size="sm" color={running ? 'blue' : 'red'} leftSection={<IconRefresh size={16} aria-hidden />} onClick={onRetry} loading={busy}>
            {running ? 'Check again' : 'Try again'}
          </Button>
        </Stack>
      </Alert>
    );
  }
  return (
    <Alert color="red" variant="light" title="The order was not placed" icon={<IconAlertTriangle aria-hidden />} role="alert">
      <Stack gap={4}>
        {messages.map((m) => (
          <Text size="sm" key={m}>
            {m}
          </Text>
        ))}
        {onFields ? <Text size="sm">Check the highlighted fields, then place the order again.</Text> : null}
        {!onFields && messages.length === 0 ? <Text size="sm">{describeError(error)}</Text> : null}
      </Stack>
    </Alert>
  );
}
