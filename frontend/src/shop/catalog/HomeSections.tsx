import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconArrowRight, IconBook2, IconDiscount } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import { catalogsQuery, categoriesQuery, offersQuery, productListQuery, type Catalog, type Offer } from '../../api/catalog';
import { describeError } from '../../api/errors';
import { categoryTree } from './categories';
import { CompareBar } from './CompareControls';
import { shopPath } from './filters';
import { offerConditions, offerDiscount, offerLink } from './offers';
import { ProductCard } from './ProductCard';
import { useViewer } from './viewer';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** The shop's front page: categories, the caller's catalogs, and what is new. */
export function HomeSections() {
  return (
    <Stack gap="xl">
      <Offers />
      <Categories />
      <Catalogs />
      <NewProducts />
      <CompareBar />
    </Stack>
  );
}

function Section({ title, action, children }: { title: string; action?: ReactNode; children: ReactNode }) {
  const id = useId();
  return (
    <Stack gap="sm" component="section" aria-labelledby={id}>
      <Group justify="space-between" align="baseline" gap="sm">
        <Title order={2} size="h3" id={id}>
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Stack>
  );
}

function LoadError({ what, error }: { what: string; error: unknown }) {
  return (
    <Alert color="red" variant="light" title={`Could not load ${what}`} role="alert">
      {describeError(error)}
    </Alert>
  );
}

function Categories() {
  const categories = useQuery(categoriesQuery);
  const top = categoryTree(categories.data ?? []).filter((n) => n.depth === 0);
  return (
    <Section title="Shop by category">
      {categories.isPending ? (
        <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} role="status" aria-label="Loading categories">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} height={56} />
          ))}
        </SimpleGrid>
      ) : null}
      {categories.isError ? <LoadError what="the categories" error={categories.error} /> : null}
      {categories.data ? (
        <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {top.map(({ category }) => (
            <li key={category.id}>
              <Button
                component={Link}
                to={shopPath({ category: category.slug })}
                variant="default"
                fullWidth
                h={56}
                styles={{ label: { whiteSpace: 'normal', textAlign: 'center', lineHeight: 1.2 } }}
              >
                {category.name}
              </Button>
            </li>
          ))}
        </SimpleGrid>
      ) : null}
    </Section>
  );
}

function Catalogs() {
  const viewer = useViewer();
  const catalogs = useQuery({ ...catalogsQuery(viewer.key), enabled: viewer.ready });
  // No catalogs for this caller: no empty section.
  if (catalogs.isSuccess && catalogs.data.length === 0) {
    return null;
  }
  return (
    <Section title="Catalogs">
      {catalogs.isPending ? <Skeleton height={96} role="status" aria-label="Loading catalogs" /> : null}
      {catalogs.isError ? <LoadError what="the catalogs" error={catalogs.error} /> : null}
      {catalogs.data ? (
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
          {catalogs.data.map((catalog) => (
            <CatalogCard key={catalog.id} catalog={catalog} />
          ))}
        </SimpleGrid>
      ) : null}
    </Section>
  );
}

function validity(catalog: Catalog): string | null {
  if (catalog.valid_to) {
    return `Valid until ${dateFormat.format(new Date(catalog.valid_to))}`;
  }
  if (catalog.valid_from) {
    return `Since ${dateFormat.format(new Date(catalog.valid_from))}`;
  }
  return null;
}

function CatalogCard({ catalog }: { catalog: Catalog }) {
  const valid = validity(catalog);
  return (
    <Card withBorder padding="md" component="article">
      <Stack gap={6} h="100%">
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <IconBook2 size={22} aria-hidden style={{ flex: 'none', marginTop: 2 }} />
          <Title order={3} size="h4">
            {catalog.name}
          </Title>
        </Group>
        {catalog.description ? (
          <Text size="sm" lineClamp={3}>
            {catalog.description}
          </Text>
        ) : null}
        <Text size="xs" c="dimmed">
          {catalog.products === 1 ? '1 product' : `${catalog.products} products`}
          {valid ? ` · ${valid}` : ''}
        </Text>
        <Anchor component={Link} to={shopPath({ catalog: catalog.slug })} size="sm" mt="auto" underline="always">
          Browse {catalog.name}
        </Anchor>
      </Stack>
    </Card>
  );
}

function Offers() {
  const viewer = useViewer();
  const offers = useQuery({ ...offersQuery(viewer.key), enabled: viewer.ready });
  const categories = useQuery(categoriesQuery);
  // No offers running: no empty section (and a failure here is not worth a red box on the home page).
  if (!offers.data || offers.data.length === 0) {
    return null;
  }
  return (
    <Section title="Offers">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
        {offers.data.map((offer) => (
          <OfferCard key={offer.id} offer={offer} categories={categories.data ?? []} />
        ))}
      </SimpleGrid>
    </Section>
  );
}

function OfferCard({ offer, categories }: { offer: Offer; categories: Parameters<typeof offerLink>[1] }) {
  const conditions = offerConditions(offer, categories);
  return (
    <Card withBorder padding="md" component="article">
      <Stack gap={6} h="100%">
        <Group gap="xs" wrap="nowrap" justify="space-between" align="flex-start">
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <IconDiscount size={22} aria-hidden style={{ flex: 'none', marginTop: 2 }} />
            <Title order={3} size="h4">
              {offer.name}
            </Title>
          </Group>
          <Badge color="red.9" size="lg" radius="sm" style={{ flex: 'none' }}>
            {offerDiscount(offer)}
          </Badge>
        </Group>
        {conditions.map((line) => (
          <Text key={line} size="sm">
            {line}
          </Text>
        ))}
        {offer.valid_to ? (
          <Text size="xs" c="dimmed">
            Until {dateFormat.format(new Date(offer.valid_to))}
          </Text>
        ) : null}
        <Anchor component={Link} to={offerLink(offer, categories)} size="sm" mt="auto" underline="always">
          {offer.scope === 'product' ? `See the product for ${offer.name}` : `Shop ${offer.name}`}
        </Anchor>
      </Stack>
    </Card>
  );
}

function NewProducts() {
  const viewer = useViewer();
  const products = useQuery({ ...productListQuery(viewer.key, { sort: 'newest', page_size: 8 }), enabled: viewer.ready });
  return (
    <Section
      title="New in the shop"
      action={
        <Anchor component={Link} to="/shop" size="sm" underline="always">
          <Group gap={4} component="span" wrap="nowrap">
            See all products <IconArrowRight size={14} aria-hidden />
          </Group>
        </Anchor>
      }
    >
      {products.isPending ? (
        <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} role="status" aria-label="Loading new products">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} height={260} />
          ))}
        </SimpleGrid>
      ) : null}
      {products.isError ? <LoadError what="the products" error={products.error} /> : null}
      {products.data ? (
        products.data.items.length ? (
          <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} spacing={{ base: 'xs', sm: 'md' }}>
            {products.data.items.map((product, i) => (
              <ProductCard key={product.id} product={product} eager={i < 4} />
            ))}
          </SimpleGrid>
        ) : (
          <Text c="dimmed">No products yet.</Text>
        )
      ) : null}
    </Section>
  );
}
