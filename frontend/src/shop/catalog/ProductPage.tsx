import { Alert, Anchor, Box, Breadcrumbs, Button, Grid, Group, List, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { categoriesQuery, productQuery, type Product } from '../../api/catalog';
import { ApiError, describeError } from '../../api/errors';
import { AddToCart } from '../cart/AddToCart';
import { categoryPath } from './categories';
import { CompareBar, CompareToggle } from './CompareControls';
import { shopPath } from './filters';
import { Gallery } from './Gallery';
import { Markdown } from './Markdown';
import { productDatasheets, productImages, productVideos } from './media';
import { Price, StockBadge } from './parts';
import { DatasheetList, VideoPlayer } from './ProductMedia';
import { shippingSpecs } from './specs';
import { SpecTable, TierTable } from './SpecTables';
import { useViewer } from './viewer';

/**
 * One product: photos, price for the caller (with the rule that gave it and
 * quantity breaks), stock, order rules, "Add to cart" (a logged-in
 * customer; guests are asked to log in), description, specifications (with
 * the shipping weight and packed size), videos and datasheets.
 */
export function ProductPage() {
  const { slug = '' } = useParams();
  const viewer = useViewer();
  const product = useQuery({ ...productQuery(viewer.key, slug), enabled: viewer.ready });
  useDocumentTitle(`${product.data?.name ?? 'Product'} · Shop · Order Management System`);

  if (product.isPending) {
    return <ProductSkeleton />;
  }
  if (product.isError) {
    if (product.error instanceof ApiError && product.error.status === 404) {
      return <ProductNotFound />;
    }
    return (
      <Alert color="red" variant="light" title="Could not load the product" icon={<IconAlertTriangle aria-hidden />} role="alert">
        <Stack gap="sm" align="flex-start">
          <Text size="sm">{describeError(product.error)}</Text>
          <Button size="xs" color="red" leftSection={<IconRefresh size={16} aria-hidden />} loading={product.isFetching} onClick={() => void product.refetch()}>
            Try again
          </Button>
        </Stack>
      </Alert>
    );
  }
  return <ProductDetails product={product.data} business={viewer.business} />;
}

function ProductDetails({ product, business }: { product: Product; business: boolean }) {
  const images = productImages(product);
  const videos = productVideos(product);
  const sheets = productDatasheets(product);
  const explanation = product.price_explanation.filter(Boolean);
  const orderRules = orderRuleLines(product);
  // The seller's rows, then the shipping weight and packed size when recorded.
  const specs = [...product.specs, ...shippingSpecs(product)];

  return (
    <Stack gap="xl">
      <ProductBreadcrumbs product={product} />
      <Grid gap="xl">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Gallery images={images} productName={product.name} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <Stack gap={4}>
              <Title order={1}>{product.name}</Title>
              <Text size="sm" c="dimmed">
                SKU {product.sku}
              </Text>
            </Stack>
            <Stack gap={4} data-testid="price-block">
              <Price price={product.price} listPrice={product.list_price} size="xl" />
              <Text size="xs" c="dimmed">
                Unit price before tax
                {explanation.length ? <> · {explanation.join(' · ')}</> : null}
              </Text>
            </Stack>
            <Group gap="xs">
              <StockBadge available={product.stock.available} size="md" />
              {business && product.stock.available > 0 ? (
                <Text size="sm">{product.stock.available} available</Text>
              ) : null}
            </Group>
            {orderRules.length ? (
              <List size="sm" spacing={4} aria-label="Ordering rules">
                {orderRules.map((line) => (
                  <List.Item key={line}>{line}</List.Item>
                ))}
              </List>
            ) : null}
            {product.tiers.length ? <TierTable tiers={product.tiers} /> : null}
            <AddToCart key={product.sku} product={product} />
            <Group gap="sm">
              <CompareToggle product={product} variant="button" />
            </Group>
          </Stack>
        </Grid.Col>
      </Grid>

      {product.description.trim() ? (
        <Section title="Description">
          <Box maw={760}>
            <Markdown source={product.description} />
          </Box>
        </Section>
      ) : null}

      {specs.length ? (
        <Section title="Specifications">
          <Box maw={760}>
            <SpecTable specs={specs} />
          </Box>
        </Section>
      ) : null}

      {videos.length ? (
        <Section title={videos.length === 1 ? 'Video' : 'Videos'}>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            {videos.map((video) => (
              <VideoPlayer key={video.id} video={video} />
            ))}
          </SimpleGrid>
        </Section>
      ) : null}

      {sheets.length ? (
        <Section title="Datasheets">
          <DatasheetList sheets={sheets} />
        </Section>
      ) : null}

      <CompareBar />
    </Stack>
  );
}

/** "Minimum order: 10", "Sold in packs of 5" — only the rules that bind. */
export function orderRuleLines(product: Pick<Product, 'min_order_qty' | 'order_multiple'>): string[] {
  const lines: string[] = [];
  if (product.min_order_qty > 1) {
    lines.push(`Minimum order: ${product.min_order_qty}`);
  }
  if (product.order_multiple > 1) {
    lines.push(`Sold in packs of ${product.order_multiple}`);
  }
  return lines;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <Stack gap="sm" component="section" aria-labelledby={id}>
      <Title order={2} size="h3" id={id}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function ProductBreadcrumbs({ product }: { product: Product }) {
  const categories = useQuery(categoriesQuery);
  const trail = product.category
    ? categoryPath(categories.data ?? [product.category], product.category.slug)
    : [];
  return (
    <Box component="nav" aria-label="Breadcrumb">
      <Breadcrumbs separatorMargin={6} styles={{ root: { flexWrap: 'wrap', rowGap: 4 } }}>
        <Anchor component={Link} to="/shop" size="sm">
          Shop
        </Anchor>
        {trail.map((c) => (
          <Anchor key={c.id} component={Link} to={shopPath({ category: c.slug })} size="sm">
            {c.name}
          </Anchor>
        ))}
        <Text size="sm" aria-current="page" lineClamp={1}>
          {product.name}
        </Text>
      </Breadcrumbs>
    </Box>
  );
}

function ProductNotFound() {
  useDocumentTitle('Product not found · Shop · Order Management System');
  return (
    <Stack gap="md" align="flex-start" py="xl">
      <Title order={1}>Product not found</Title>
      <Text>This product does not exist, is no longer sold, or is not offered to your account. Search the shop for a similar one.</Text>
      <Button component={Link} to="/shop">
        Browse the shop
      </Button>
    </Stack>
  );
}

function ProductSkeleton() {
  return (
    <Grid gap="xl" role="status" aria-label="Loading the product">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Skeleton style={{ aspectRatio: '4 / 3' }} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Stack gap="md">
          <Skeleton height={36} width="80%" />
          <Skeleton height={14} width="30%" />
          <Skeleton height={28} width="40%" />
          <Skeleton height={22} width="25%" />
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
