import {
  Alert,
  Badge,
  Box,
  Button,
  CloseButton,
  Drawer,
  EmptyState,
  Grid,
  Group,
  NativeSelect,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconAlertTriangle, IconRefresh, IconSearchOff } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery, type InfiniteData, type UseInfiniteQueryResult } from '@tanstack/react-query';
import { useRef } from 'react';
import { useSearchParams } from 'react-router';
import { catalogsQuery, categoriesQuery, productSearchQuery, type Product, type ProductPage } from '../../api/catalog';
import { describeError } from '../../api/errors';
import { CompareBar } from './CompareControls';
import { FilterPanel } from './FilterPanel';
import {
  countFilters,
  effectiveSort,
  emptyFilters,
  hasFilters,
  readShopFilters,
  shopSearch,
  sortOptions,
  toProductQuery,
  type ShopFilters,
} from './filters';
import { formatMoney, toMinor } from './money';
import { ProductCard } from './ProductCard';
import { useViewer } from './viewer';

const defaultCurrency = 'USD';

/**
 * The product list: search results, a category, a catalog, or everything,
 * narrowed by filters that live in the URL. Results come a page at a time
 * ("Load more"); while the next search runs, the last results stay, dimmed.
 */
export function ShopSearchPage() {
  const [params, setParams] = useSearchParams();
  const filters = readShopFilters(params);
  const viewer = useViewer();
  const [drawerOpen, drawer] = useDisclosure(false);

  // The price range is typed in the shop's currency: the one its products are priced in.
  const currency = useRef(defaultCurrency);
  const query = useInfiniteQuery({ ...productSearchQuery(viewer.key, toProductQuery(filters, currency.current)), enabled: viewer.ready });
  const firstProduct = query.data?.pages[0]?.items[0];
  if (firstProduct) {
    currency.current = firstProduct.price.currency;
  }

  const categories = useQuery(categoriesQuery);
  const catalogs = useQuery({ ...catalogsQuery(viewer.key), enabled: viewer.ready && filters.catalog !== '' });
  const categoryName = categories.data?.find((c) => c.slug === filters.category)?.name;
  const catalogName = catalogs.data?.find((c) => c.slug === filters.catalog)?.name;

  const heading = filters.q ? `Results for “${filters.q}”` : (categoryName ?? catalogName ?? (filters.category || filters.catalog ? 'Products' : 'All products'));
  useDocumentTitle(`${heading} · Shop · Order Management System`);

  const change = (next: Partial<ShopFilters>, replace = false) => {
    setParams((prev) => shopSearch({ ...readShopFilters(prev), ...next }), { replace });
  };

  const products: Product[] = query.data?.pages.flatMap((p) => p.items) ?? [];
  const filterCount = countFilters(filters);

  return (
    <Stack gap="md">
      <Title order={1}>{heading}</Title>

      <Group justify="space-between" gap="sm" wrap="wrap" align="flex-end">
        <ResultSummary count={products.length} more={query.hasNextPage} loading={query.isPending || (query.isFetching && query.isPlaceholderData)} />
        <Group gap="xs" wrap="nowrap" align="flex-end">
          <Button
            hiddenFrom="sm"
            variant="default"
            leftSection={<IconAdjustmentsHorizontal size={18} aria-hidden />}
            onClick={drawer.open}
            aria-haspopup="dialog"
          >
            Filters{filterCount ? ` (${filterCount})` : ''}
          </Button>
          <NativeSelect
            label="Sort by"
            value={effectiveSort(filters)}
            onChange={(event) => change({ sort: event.currentTarget.value as ShopFilters['sort'] })}
            data={sortOptions.filter((o) => o.value !== 'relevance' || filters.q).map((o) => ({ value: o.value, label: o.label }))}
          />
        </Group>
      </Group>

      <ActiveFilters filters={filters} currency={currency.current} categoryName={categoryName} catalogName={catalogName} onChange={change} />

      <Grid gap="xl">
        <Grid.Col span={{ base: 12, sm: 4, md: 3 }} visibleFrom="sm">
          <Box component="aside" aria-label="Filters">
            <FilterPanel filters={filters} currency={currency.current} onChange={(next) => change(next, 'min' in next)} />
          </Box>
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 8, md: 9 }}>
          <Results
            query={query}
            products={products}
            filters={filters}
            onClear={() => setParams(shopSearch(filters.sort ? { sort: filters.sort } : {}))}
          />
        </Grid.Col>
      </Grid>

      <Drawer
        opened={drawerOpen}
        onClose={drawer.close}
        title="Filters"
        position="bottom"
        size="85%"
        hiddenFrom="sm"
        closeButtonProps={{ 'aria-label': 'Close the filters' }}
      >
        <Stack gap="lg">
          <FilterPanel filters={filters} currency={currency.current} onChange={(next) => change(next, 'min' in next)} />
          <Button onClick={drawer.close} fullWidth>
            Show results
          </Button>
        </Stack>
      </Drawer>

      <CompareBar />
    </Stack>
  );
}

function ResultSummary({ count, more, loading }: { count: number; more: boolean; loading: boolean }) {
  let text = '';
  if (loading) {
    text = 'Searching…';
  } else if (count === 0) {
    text = 'No products found';
  } else if (more) {
    text = `Showing the first ${count} products`;
  } else {
    text = count === 1 ? '1 product' : `${count} products`;
  }
  return (
    <Text size="sm" c="dimmed" role="status" aria-live="polite" data-testid="result-summary">
      {text}
    </Text>
  );
}

interface ActiveFiltersProps {
  filters: ShopFilters;
  currency: string;
  categoryName: string | undefined;
  catalogName: string | undefined;
  onChange: (next: Partial<ShopFilters>) => void;
}

/** The filters in force as chips, each with its own remove button. */
function ActiveFilters({ filters, currency, categoryName, catalogName, onChange }: ActiveFiltersProps) {
  const price = (major: number) => formatMoney({ amount: toMinor(major, currency), currency });
  const chips: { key: string; label: string; clear: Partial<ShopFilters> }[] = [];
  if (filters.q) chips.push({ key: 'q', label: `“${filters.q}”`, clear: { q: '' } });
  if (filters.category) chips.push({ key: 'category', label: categoryName ?? filters.category, clear: { category: '' } });
  if (filters.catalog) chips.push({ key: 'catalog', label: `Catalog: ${catalogName ?? filters.catalog}`, clear: { catalog: '' } });
  if (filters.min !== null || filters.max !== null) {
    const label =
      filters.min !== null && filters.max !== null
        ? `${price(filters.min)} – ${price(filters.max)}`
        : filters.min !== null
          ? `From ${price(filters.min)}`
          : `Up to ${price(filters.max ?? 0)}`;
    chips.push({ key: 'price', label, clear: { min: null, max: null } });
  }
  if (filters.inStock) chips.push({ key: 'stock', label: 'In stock', clear: { inStock: false } });
  if (chips.length === 0) {
    return null;
  }
  return (
    <Group gap="xs" wrap="wrap" aria-label="Active filters" role="group">
      {chips.map((chip) => (
        <Badge
          key={chip.key}
          variant="default"
          size="lg"
          radius="xl"
          tt="none"
          fw={500}
          pr={2}
          rightSection={<CloseButton size="xs" aria-label={`Remove filter ${chip.label}`} onClick={() => onChange(chip.clear)} />}
        >
          {chip.label}
        </Badge>
      ))}
      {chips.length > 1 ? (
        <Button variant="subtle" size="compact-sm" onClick={() => onChange({ ...emptyFilters, sort: filters.sort })}>
          Clear all
        </Button>
      ) : null}
    </Group>
  );
}

interface ResultsProps {
  query: UseInfiniteQueryResult<InfiniteData<ProductPage, unknown>>;
  products: Product[];
  filters: ShopFilters;
  onClear: () => void;
}

function Results({ query, products, filters, onClear }: ResultsProps) {
  if (query.isPending) {
    return <CardSkeletons />;
  }
  if (query.isError && products.length === 0) {
    return (
      <Alert color="red" variant="light" title="Could not load the products" icon={<IconAlertTriangle aria-hidden />} role="alert">
        <Stack gap="sm" align="flex-start">
          <Text size="sm">{describeError(query.error)}</Text>
          <Button size="xs" color="red" leftSection={<IconRefresh size={16} aria-hidden />} loading={query.isFetching} onClick={() => void query.refetch()}>
            Try again
          </Button>
        </Stack>
      </Alert>
    );
  }
  if (products.length === 0) {
    return <NoResults filters={filters} onClear={onClear} />;
  }
  const stale = query.isFetching && query.isPlaceholderData;
  return (
    <Stack gap="lg">
      <SimpleGrid
        cols={{ base: 2, md: 3 }}
        spacing={{ base: 'xs', sm: 'md' }}
        aria-busy={stale}
        style={{ opacity: stale ? 0.6 : 1, transition: 'opacity 150ms' }}
        data-testid="product-grid"
      >
        {products.map((product, i) => (
          <ProductCard key={product.id} product={product} eager={i < 6} />
        ))}
      </SimpleGrid>
      {query.isFetchNextPageError ? (
        <Alert color="red" variant="light" title="Could not load more products" role="alert">
          {describeError(query.error)}
        </Alert>
      ) : null}
      {query.hasNextPage ? (
        <Group justify="center">
          <Button variant="default" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
            Load more products
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

function NoResults({ filters, onClear }: { filters: ShopFilters; onClear: () => void }) {
  const narrowed = hasFilters(filters);
  return (
    <EmptyState
      icon={<IconSearchOff size={32} aria-hidden />}
      withIndicatorBackground
      title={filters.q ? `Nothing matches “${filters.q}”` : 'No products match these filters'}
      description={
        narrowed
          ? 'Check the spelling, try a shorter or more general word (or a SKU), or remove some filters.'
          : 'There are no products in the shop yet. Come back soon.'
      }
      py="xl"
    >
      {narrowed ? (
        <EmptyState.Actions>
          <Button onClick={onClear}>Clear search and filters</Button>
        </EmptyState.Actions>
      ) : null}
    </EmptyState>
  );
}

function CardSkeletons() {
  return (
    <SimpleGrid cols={{ base: 2, md: 3 }} spacing={{ base: 'xs', sm: 'md' }} role="status" aria-label="Loading products">
      {Array.from({ length: 6 }, (_, i) => (
        <Stack key={i} gap={8}>
          <Skeleton style={{ aspectRatio: '4 / 3' }} />
          <Skeleton height={16} width="80%" />
          <Skeleton height={12} width="40%" />
          <Skeleton height={20} width="50%" />
        </Stack>
      ))}
    </SimpleGrid>
  );
}
