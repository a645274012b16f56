import { Card, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Product } from '../../api/catalog';
import { AddToCart } from '../cart/AddToCart';
import classes from './catalog.module.css';
import { CompareToggle } from './CompareControls';
import { productImages } from './media';
import { Price, ProductThumb, StockBadge } from './parts';

export function productPath(slug: string): string {
  return `/shop/p/${encodeURIComponent(slug)}`;
}

/** A product in a list: picture, name, price, stock, the compare checkbox, and "Add to cart". */
export function ProductCard({ product, eager = false }: { product: Product; eager?: boolean }) {
  const image = productImages(product)[0];
  return (
    <Card component="article" withBorder padding="sm" radius="md" className={classes.card} pos="relative" data-testid="product-card">
      <Card.Section>
        <ProductThumb image={image} sizes="medium" eager={eager} decorative />
      </Card.Section>
      <div className={classes.cardBody}>
        <Stack gap={2} mt="xs">
          <Link to={productPath(product.slug)} className={classes.cardLink}>
            {product.name}
          </Link>
          <Text size="xs" c="dimmed">
            {product.sku}
          </Text>
        </Stack>
        <Price price={product.price} listPrice={product.list_price} size="md" />
        <Group justify="space-between" gap="xs" mt="auto" wrap="wrap">
          <StockBadge available={product.stock.available} />
          <CompareToggle product={product} />
        </Group>
        <div className={classes.cardAction}>
          <AddToCart product={product} compact />
        </div>
      </div>
    </Card>
  );
}
