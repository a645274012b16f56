import { ActionIcon, Badge, Group, Paper, Stack, Text, TextInput, VisuallyHidden } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconAlertTriangle, IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import type { CatalogProduct } from '../../api/adminCatalogs';
import classes from './catalogs.module.css';
import { moveTarget, type CatalogValues } from './catalogForm';
import { hiddenFrom } from './labels';
import { formatMoney } from './price';

interface CatalogItemsProps {
  form: UseFormReturnType<CatalogValues>;
  products: ReadonlyMap<string, CatalogProduct>;
  /** Where focus goes when the last item is removed. */
  onEmptied: () => void;
}

type Direction = 'up' | 'down';

/**
 * The catalog's products in display order: move up and down (buttons, so the
 * keyboard works), remove, and an optional catalog price each. After a move,
 * focus stays on the moved item's button, so pressing it again keeps moving it.
 */
export function CatalogItems({ form, products, onEmptied }: CatalogItemsProps) {
  const items = form.values.items;
  const listRef = useRef<HTMLDivElement>(null);
  const [focusAfter, setFocusAfter] = useState<{ id: string; action: Direction | 'remove' } | null>(null);
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    if (!focusAfter || !listRef.current) return;
    const row = listRef.current.querySelector<HTMLElement>(`[data-item="${focusAfter.id.replace(/["\\]/g, '\\$&')}"]`);
    const order: string[] =
      focusAfter.action === 'remove' ? ['remove'] : focusAfter.action === 'up' ? ['up', 'down'] : ['down', 'up'];
    const button = order
      .map((action) => row?.querySelector<HTMLButtonElement>(`[data-action="${action}"]`))
      .find((b) => b && !b.disabled);
    button?.focus();
    setFocusAfter(null);
  }, [focusAfter]);

  const nameOf = (id: string) => products.get(id)?.name ?? 'Unknown product';

  const move = (index: number, direction: Direction) => {
    const to = moveTarget(index, direction, items.length);
    const item = items[index];
    if (to === undefined || !item) return;
    form.reorderListItem('items', { from: index, to });
    setAnnouncement(`${nameOf(item.productId)} moved to position ${to + 1} of ${items.length}.`);
    setFocusAfter({ id: item.productId, action: direction });
  };

  const remove = (index: number) => {
    const item = items[index];
    if (!item) return;
    form.removeListItem('items', index);
    setAnnouncement(`${nameOf(item.productId)} removed from the catalog.`);
    const next = items[index + 1] ?? items[index - 1];
    if (next) setFocusAfter({ id: next.productId, action: 'remove' });
    else onEmptied();
  };

  return (
    <Stack gap="xs" ref={listRef}>
      <VisuallyHidden role="status">{announcement}</VisuallyHidden>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No products yet: find them above and add them. They appear to customers in this order.
        </Text>
      ) : (
        <Stack gap={6} component="ol" className={classes.items} aria-label="Products in this catalog">
          {items.map((item, index) => {
            const product = products.get(item.productId);
            const name = product?.name ?? 'Unknown product';
            const warning = product ? hiddenFrom(form.values.audience, product.audience) : undefined;
            const rowError = form.errors[`items.${index}.productId`];
            return (
              <Paper key={item.productId} component="li" withBorder p="xs" data-item={item.productId}>
                <Group gap="sm" wrap="wrap" align="flex-start">
                  <Text size="sm" c="dimmed" className={classes.position} aria-hidden pt={4}>
                    {index + 1}.
                  </Text>
                  <Stack gap={2} className={classes.itemText}>
                    <Text size="sm" fw={600}>
                      {name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {product ? (
                        <>
                          <span className={classes.mono}>{product.sku}</span> · usual price{' '}
                          {formatMoney(product.list_price.amount ?? 0, product.list_price.currency)}
                        </>
                      ) : (
                        <span className={classes.mono}>{item.productId}</span>
                      )}
                    </Text>
                    <Group gap={6}>
                      {product && product.status !== 'active' ? (
                        <Badge variant="default" size="sm">
                          {product.status === 'draft' ? 'Draft: not shown until active' : 'Archived: not shown'}
                        </Badge>
                      ) : null}
                    </Group>
                    {warning ? (
                      <Text size="xs" className={classes.warning}>
                        <IconAlertTriangle size={12} aria-hidden className={classes.warningIcon} /> {warning}
                      </Text>
                    ) : null}
                    {rowError ? (
                      <Text size="xs" c="var(--mantine-color-error)" role="alert">
                        {rowError}
                      </Text>
                    ) : null}
                  </Stack>
                  <TextInput
                    label="Catalog price"
                    aria-label={`Catalog price for ${name}`}
                    placeholder="Usual price"
                    inputMode="decimal"
                    autoComplete="off"
                    size="sm"
                    w={140}
                    rightSection={
                      <Text size="xs" c="dimmed" aria-hidden>
                        {item.currency}
                      </Text>
                    }
                    rightSectionWidth={40}
                    {...form.getInputProps(`items.${index}.price`)}
                  />
                  <Group gap={4} wrap="nowrap" className={classes.itemButtons}>
                    <ActionIcon
                      variant="default"
                      size="lg"
                      onClick={() => move(index, 'up')}
                      disabled={index === 0}
                      aria-label={`Move ${name} up`}
                      title="Move up"
                      data-action="up"
                    >
                      <IconArrowUp size={16} aria-hidden />
                    </ActionIcon>
                    <ActionIcon
                      variant="default"
                      size="lg"
                      onClick={() => move(index, 'down')}
                      disabled={index === items.length - 1}
                      aria-label={`Move ${name} down`}
                      title="Move down"
                      data-action="down"
                    >
                      <IconArrowDown size={16} aria-hidden />
                    </ActionIcon>
                    <ActionIcon
                      variant="default"
                      color="red"
                      size="lg"
                      onClick={() => remove(index)}
                      aria-label={`Remove ${name}`}
                      title="Remove"
                      data-action="remove"
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Group>
                </Group>
              </Paper>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}
