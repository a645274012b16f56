import { Alert, Anchor, CloseButton, Group, List, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { BulkStatusResult } from '../../api/adminOrders';
import { sentence } from '../../api/errors';
import { orderStatusStyles, styleOf } from './labels';
import { orderPath } from './OrderList';

/** What "Confirm selected" did to each order: confirmed, or why not. */
export function BulkResults({ results, onClose }: { results: BulkStatusResult[]; onClose: () => void }) {
  const done = results.filter((r) => r.ok).length;
  const failed = results.length - done;
  const title =
    failed === 0
      ? `Confirmed ${done} ${done === 1 ? 'order' : 'orders'}`
      : `Confirmed ${done} of ${results.length} orders; ${failed} could not be confirmed`;
  return (
    <Alert
      color={failed === 0 ? 'teal' : 'orange'}
      variant="light"
      role="status"
      icon={failed === 0 ? <IconCircleCheck aria-hidden /> : <IconAlertTriangle aria-hidden />}
      title={title}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <List size="sm" spacing={4} aria-label="Results">
          {results.map((r) => (
            <List.Item key={r.reference} data-reference={r.reference} data-ok={r.ok}>
              <Anchor component={Link} to={orderPath(r.reference)} size="sm" fw={600} underline="always">
                {r.reference}
              </Anchor>
              {': '}
              {r.ok ? (
                <Text span size="sm">
                  {styleOf(orderStatusStyles, r.status ?? 'confirmed').label}
                </Text>
              ) : (
                <Text span size="sm" c="var(--mantine-color-error)">
                  {sentence(r.error || 'not changed')}
                </Text>
              )}
            </List.Item>
          ))}
        </List>
        <CloseButton aria-label="Dismiss the results" onClick={onClose} />
      </Group>
    </Alert>
  );
}
