import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCopy, IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError, describeError, sentence } from '../../api/errors';
import { duplicateOf, inProgress, outOfStock, retrySameAttempt } from './attempt';

/** The words that differ between a customer's checkout and staff order entry. */
export interface OrderProblemCopy {
  /** Where an order's page is. */
  orderPath: (reference: string) => string;
  /** "You placed" / "This customer placed". */
  placedBy: string;
  /** "you want" / "they want". */
  whoWants: string;
  /** The label before the reference on the button that opens the earlier order. */
  openLabel: string;
  /** What to change after a stock problem. */
  stockHelp: ReactNode;
  /** "Your order" / "The order". */
  theOrder: string;
}

export interface OrderProblemProps {
  error: unknown;
  /** Sends the same attempt again (same Idempotency-Key). */
  onRetry: () => void;
  /** Places it although it looks like a repeat (confirm_duplicate, a new key). */
  onConfirmDuplicate: () => void;
  busy: boolean;
  /** Field errors were put on the form: only say so. */
  onFields: boolean;
  /** A 422's messages that belong to no form field (e.g. a line's quantity). */
  messages: string[];
}

/** Why an order was not placed, and what to do next: checkout and staff order entry alike. */
export function OrderProblem({ error, onRetry, onConfirmDuplicate, busy, onFields, messages, copy }: OrderProblemProps & { copy: OrderProblemCopy }) {
  const duplicate = duplicateOf(error);
  if (duplicate) {
    return (
      <Alert color="yellow" variant="light" title="This looks like a repeat order" icon={<IconCopy aria-hidden />} role="alert" data-testid="duplicate-warning">
        <Stack gap="sm">
          <Text size="sm">
            {copy.placedBy}{' '}
            <Anchor component={Link} to={copy.orderPath(duplicate)} inherit underline="always">
              {duplicate}
            </Anchor>{' '}
            a moment ago with the same products and total. Place this one too only if {copy.whoWants} both.
          </Text>
          <Group gap="xs">
            <Button size="sm" onClick={onConfirmDuplicate} loading={busy}>
              Place it anyway
            </Button>
            <Button size="sm" variant="default" component={Link} to={copy.orderPath(duplicate)}>
              {copy.openLabel} {duplicate}
            </Button>
          </Group>
        </Stack>
      </Alert>
    );
  }
  if (outOfStock(error)) {
    return (
      <Alert color="red" variant="light" title="Not enough stock" icon={<IconAlertTriangle aria-hidden />} role="alert" data-testid="stock-problem">
        <Stack gap="xs">
          <Text size="sm">{sentence((error as ApiError).problem?.detail ?? 'A product is out of stock')}</Text>
          <Text size="sm">Nothing was ordered. {copy.stockHelp}</Text>
        </Stack>
      </Alert>
    );
  }
  if (error instanceof ApiError && retrySameAttempt(error)) {
    const running = inProgress(error);
    return (
      <Alert
        color={running ? 'blue' : 'red'}
        variant="light"
        title={running ? `${copy.theOrder} is still being placed` : `We could not confirm ${copy.theOrder.toLowerCase()}`}
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
