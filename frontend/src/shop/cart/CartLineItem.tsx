import { Anchor, Button, Card, Group, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconTrash } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { CartLine } from '../../api/cart';
import { sentence } from '../../api/errors';
import { formatMoney } from '../catalog/money';
import { Price } from '../catalog/parts';
import { productPath } from '../catalog/ProductCard';
import { QuantityStepper } from './QuantityStepper';

interface Props {
  line: CartLine;
  busy: boolean;
  onQuantity: (quantity: number) => void;
  onRemove: () => void;
}

/** One cart line: name, the caller's unit price and why, quantity, line total, what stops it being ordered. */
export function CartLineItem({ line, busy, onQuantity, onRemove }: Props) {
  const explanation = line.explanation.map((e) => e.trim()).filter(Boolean);
  return (
    <Card withBorder padding="md" component="li" aria-label={line.name} data-testid="cart-line" data-sku={line.sku}>
      <Group justify="space-between" align="flex-start" gap="md" wrap="wrap">
        <Stack gap={4} style={{ flex: '1 1 240px', minWidth: 0 }}>
          <Anchor component={Link} to={productPath(line.slug)} fw={600} c="var(--mantine-color-text)">
            {line.name}
          </Anchor>
          <Text size="xs" c="dimmed">
            SKU {line.sku}
          </Text>
          {line.unit_price ? (
            <Group gap={6} align="baseline" wrap="wrap">
              <Price price={line.unit_price} listPrice={line.list_unit_price ?? undefined} size="sm" />
              <Text size="xs" c="dimmed">
                each, before tax{explanation.length ? ` · ${explanation.join(' · ')}` : ''}
              </Text>
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              No price for your account right now
            </Text>
          )}
        </Stack>
        <Group gap="md" align="flex-start" wrap="nowrap">
          <QuantityStepper value={line.quantity} rules={line} name={line.name} onChange={onQuantity} disabled={busy} />
          <Stack gap={4} align="flex-end" miw={90}>
            <Text fw={700} data-testid="line-total" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {line.total ? formatMoney(line.total) : '—'}
            </Text>
            <Text size="xs" c="dimmed">
              incl. tax
            </Text>
          </Stack>
        </Group>
      </Group>
      {line.warnings.length ? (
        <List
          mt="sm"
          size="sm"
          spacing={2}
          icon={<IconAlertTriangle size={16} aria-hidden color="var(--mantine-color-error)" />}
          aria-label={`Problems with ${line.name}`}
          c="var(--mantine-color-error)"
        >
          {line.warnings.map((w) => (
            <List.Item key={w}>{sentence(w)}</List.Item>
          ))}
        </List>
      ) : null}
      <Group justify="space-between" mt="sm" gap="xs">
        <Text size="xs" c="dimmed">
          {line.available > 0 ? `${line.available} available` : 'Out of stock'}
        </Text>
        <Button
          variant="subtle"
          color="red"
          c="var(--mantine-color-error)"
          size="compact-sm"
          leftSection={<IconTrash size={14} aria-hidden />}
          onClick={onRemove}
          disabled={busy}
          aria-label={`Remove ${line.name}`}
        >
          Remove
        </Button>
      </Group>
    </Card>
  );
}
