import { ActionIcon, Button, Group, Paper, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { pricingProductQuery } from '../../api/pricing';
import classes from '../lists.module.css';
import type { PriceListValues } from './priceListForm';
import { maxTiers, nextMinQty } from './tiers';

/** A product's name and SKU (read once, cached); its ID while loading or when it is gone. */
export function ProductName({ id }: { id: string }) {
  const product = useQuery(pricingProductQuery(id));
  if (!product.data) {
    return (
      <Text size="sm" fw={600} ff="monospace" className={classes.breakAnywhere}>
        {product.isError ? `Product ${id} (not found)` : id}
      </Text>
    );
  }
  return (
    <Stack gap={0} miw={0}>
      <Text size="sm" fw={600} className={classes.breakWord}>
        {product.data.name}
      </Text>
      <Text size="xs" c="dimmed" ff="monospace">
        {product.data.sku}
      </Text>
    </Stack>
  );
}

function useProductLabel(id: string): string {
  const product = useQuery(pricingProductQuery(id));
  return product.data?.name ?? 'this product';
}

interface TierTableProps {
  form: UseFormReturnType<PriceListValues>;
  index: number;
  currency: string;
  onRemove: () => void;
}

/** One product of a price list: its tiers (minimum quantity → unit price), rows added and removed in place. */
export function TierTable({ form, index, currency, onRemove }: TierTableProps) {
  const item = form.values.items[index];
  const label = useProductLabel(item?.productId ?? '');
  if (!item) return null;
  const path = `items.${index}.tiers`;
  const rowsError = form.errors[path] ?? form.errors[`items.${index}.productId`];

  return (
    <Paper withBorder p="sm" component="li" data-product={item.productId}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
          <ProductName id={item.productId} />
          <Button size="compact-sm" variant="default" leftSection={<IconTrash size={14} aria-hidden />} onClick={onRemove} aria-label={`Remove ${label} from the list`}>
            Remove
          </Button>
        </Group>
        <Table withRowBorders={false} verticalSpacing={4} aria-label={`Tiers of ${label}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">From quantity</Table.Th>
              <Table.Th scope="col">Unit price ({currency})</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {item.tiers.map((_, j) => (
              <Table.Tr key={j}>
                <Table.Td>
                  <TextInput
                    aria-label={`From quantity, tier ${j + 1} of ${label}`}
                    inputMode="numeric"
                    autoComplete="off"
                    size="xs"
                    {...form.getInputProps(`${path}.${j}.minQty`)}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`Unit price, tier ${j + 1} of ${label}`}
                    inputMode="decimal"
                    autoComplete="off"
                    size="xs"
                    {...form.getInputProps(`${path}.${j}.amount`)}
                  />
                </Table.Td>
                <Table.Td w={40}>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    onClick={() => form.removeListItem(path, j)}
                    disabled={item.tiers.length === 1}
                    aria-label={`Remove tier ${j + 1} of ${label}`}
                  >
                    <IconX size={16} aria-hidden />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {rowsError ? (
          <Text size="sm" c="red.8" role="alert">
            {rowsError}
          </Text>
        ) : null}
        <Group>
          <Button
            size="compact-sm"
            variant="light"
            leftSection={<IconPlus size={14} aria-hidden />}
            disabled={item.tiers.length >= maxTiers}
            onClick={() => form.insertListItem(path, { minQty: nextMinQty(item.tiers), amount: '' })}
            aria-label={`Add a tier to ${label}`}
          >
            Add tier
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
