import { Button, Checkbox, CloseButton, Group, Paper, Text } from '@mantine/core';
import { IconArrowsDiff } from '@tabler/icons-react';
import { Link } from 'react-router';
import classes from './catalog.module.css';
import {
  comparePath,
  maxCompare,
  minCompare,
  setCompareItems,
  toggleCompareItem,
  useCompareItems,
  type CompareItem,
} from './compare';

/** "Compare" on a card or the product page: adds the product to (or takes it off) the comparison. */
export function CompareToggle({ product, variant = 'checkbox' }: { product: CompareItem; variant?: 'checkbox' | 'button' }) {
  const items = useCompareItems();
  const selected = items.some((i) => i.slug === product.slug);
  const full = !selected && items.length >= maxCompare;
  const toggle = () => setCompareItems(toggleCompareItem(items, { slug: product.slug, name: product.name }).list);
  const fullHint = full ? `You can compare up to ${maxCompare} products: remove one from the comparison first.` : undefined;

  if (variant === 'button') {
    return (
      <Button
        variant={selected ? 'light' : 'default'}
        leftSection={<IconArrowsDiff size={18} aria-hidden />}
        aria-pressed={selected}
        disabled={full}
        title={fullHint}
        onClick={toggle}
      >
        {selected ? 'Remove from compare' : 'Add to compare'}
      </Button>
    );
  }
  return (
    <Checkbox
      className={classes.cardCompare}
      size="sm"
      label="Compare"
      aria-label={`Compare ${product.name}`}
      checked={selected}
      disabled={full}
      title={fullHint}
      onChange={toggle}
    />
  );
}

/**
 * The products picked for comparison, at the bottom of the shop's pages,
 * with the way to the comparison once there are enough of them.
 */
export function CompareBar() {
  const items = useCompareItems();
  if (items.length === 0) {
    return null;
  }
  const ready = items.length >= minCompare;
  return (
    <Paper component="section" aria-label="Products to compare" className={classes.compareBar} p="sm" radius="md">
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Group gap={6} wrap="wrap" style={{ flex: '1 1 240px' }}>
          {items.map((item) => (
            <Group key={item.slug} gap={2} wrap="nowrap" px={8} py={2} bg="var(--mantine-color-default-hover)" style={{ borderRadius: 'var(--mantine-radius-xl)' }}>
              <Text size="sm" lineClamp={1} maw={180}>
                {item.name}
              </Text>
              <CloseButton
                size="sm"
                aria-label={`Remove ${item.name} from the comparison`}
                onClick={() => setCompareItems(items.filter((i) => i.slug !== item.slug))}
              />
            </Group>
          ))}
        </Group>
        <Group gap="xs" wrap="nowrap">
          <Button variant="subtle" size="sm" onClick={() => setCompareItems([])}>
            Clear
          </Button>
          {ready ? (
            <Button component={Link} to={comparePath(items.map((i) => i.slug))} size="sm" leftSection={<IconArrowsDiff size={18} aria-hidden />}>
              Compare {items.length}
            </Button>
          ) : (
            <Text size="sm" c="dimmed">
              Pick one more to compare
            </Text>
          )}
        </Group>
      </Group>
    </Paper>
  );
}
