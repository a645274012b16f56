import { Badge, Box, Group, Text, VisuallyHidden, type MantineSize } from '@mantine/core';
import { IconPhoto } from '@tabler/icons-react';
import type { Money } from '../../api/catalog';
import classes from './catalog.module.css';
import type { GalleryImage } from './media';
import { formatMoney } from './money';
import { stockLabel, stockLevel } from './stock';

/** The caller's price; the list price struck through beside it when a better rule won. */
export function Price({ price, listPrice, size = 'lg' }: { price: Money; listPrice?: Money; size?: MantineSize }) {
  const reduced = listPrice !== undefined && listPrice.currency === price.currency && (listPrice.amount ?? 0) > (price.amount ?? 0);
  return (
    <Group gap={6} align="baseline" wrap="wrap" className={classes.price}>
      <Text component="span" fw={700} size={size} data-testid="price">
        {reduced ? <VisuallyHidden>Now </VisuallyHidden> : null}
        {formatMoney(price)}
      </Text>
      {reduced ? (
        <Text component="s" size="sm" c="dimmed">
          <VisuallyHidden>Was </VisuallyHidden>
          {formatMoney(listPrice)}
        </Text>
      ) : null}
    </Group>
  );
}

const stockColors = { out: 'gray.8', low: 'yellow.4', in: 'teal.9' } as const;

export function StockBadge({ available, size = 'sm' }: { available: number; size?: MantineSize }) {
  const level = stockLevel(available);
  return (
    <Badge color={stockColors[level]} c={level === 'low' ? 'black' : undefined} size={size} radius="sm" data-stock={level}>
      {stockLabel(available)}
    </Badge>
  );
}

/**
 * A product's picture in a fixed 4:3 box (no layout shift while it loads), or
 * a neutral placeholder when it has none yet.
 */
export function ProductThumb({
  image,
  sizes,
  eager = false,
  decorative = false,
}: {
  image: GalleryImage | undefined;
  sizes: 'small' | 'medium' | 'large';
  eager?: boolean;
  /** The product's name is right beside it (cards): the picture adds nothing for a screen reader. */
  decorative?: boolean;
}) {
  if (!image) {
    return (
      <Box className={classes.thumb} data-empty>
        <IconPhoto size={40} stroke={1.2} aria-hidden />
        {decorative ? null : <VisuallyHidden>No photo yet</VisuallyHidden>}
      </Box>
    );
  }
  return (
    <Box className={classes.thumb}>
      <img
        src={image[sizes]}
        alt={decorative ? '' : image.alt}
        width={image.width}
        height={image.height}
        loading={eager ? 'eager' : 'lazy'}
        decoding="async"
      />
    </Box>
  );
}
