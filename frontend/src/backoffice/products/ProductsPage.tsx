import { Alert, Button, EmptyState, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertTriangle, IconPackage, IconPlus, IconRefresh } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { categoriesQuery, productsQuery, type ProductFilters } from '../../api/adminCatalog';
import { ApiError, describeError, fieldErrors } from '../../api/errors';
import { hasAnyRole, areaRoles } from '../../auth/roles';
import { useSession } from '../../auth/session';
import { hasProductFilters, noFilters, productSearch, readProductFilters } from './filters';
import { ProductFiltersForm } from './ProductFiltersForm';
import { ProductTable } from './ProductTable';

const filterLabels = { q: 'Search', status: 'Status', audience: 'Audience', category: 'Category' };

/** `/admin/products`: every product with its status, audience, price and stock; filters in the URL. */
export function ProductsPage() {
  useDocumentTitle('Products · OMS Back office');
  const session = useSession();
  const canEdit = hasAnyRole(session?.me, areaRoles.catalog);
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const filters = useMemo(() => readProductFilters(new URLSearchParams(search)), [search]);
  const categories = useQuery(categoriesQuery);
  const list = useInfiniteQuery(productsQuery(filters));
  const products = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);

  const apply = (next: ProductFilters) => setParams(productSearch(next));
  const rejected = list.error instanceof ApiError && list.error.status === 422;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4}>
          <Title order={1}>Products</Title>
          <Text>Everything in the catalog, whatever its status or audience.</Text>
        </Stack>
        {canEdit ? (
          <Button component={Link} to="/admin/products/new" leftSection={<IconPlus size={16} aria-hidden />}>
            New product
          </Button>
        ) : null}
      </Group>

      <ProductFiltersForm filters={filters} categories={categories.data ?? []} onApply={apply} />

      <Stack gap="sm" aria-busy={list.isPending || list.isPlaceholderData}>
        {list.isError ? (
          <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Could not load the products">
            <Stack gap="sm" align="flex-start">
              <Text size="sm">
                {rejected ? Object.values(fieldErrors(list.error, filterLabels)).join(' ') || describeError(list.error) : describeError(list.error)}
              </Text>
              {rejected ? (
                <Button size="xs" variant="default" onClick={() => apply(noFilters)}>
                  Clear the filters
                </Button>
              ) : (
                <Button size="xs" color="red" leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => void list.refetch()}>
                  Try again
                </Button>
              )}
            </Stack>
          </Alert>
        ) : null}
        {list.isPending ? (
          <Stack gap="xs" role="status" aria-label="Loading products">
            {Array.from({ length: 6 }, (_, i) => (
              <Skeleton key={i} height={48} />
            ))}
          </Stack>
        ) : null}
        {!list.isError && list.data && products.length === 0 ? (
          <EmptyState
            icon={<IconPackage aria-hidden />}
            title={hasProductFilters(filters) ? 'No products match these filters' : 'No products yet'}
            description={hasProductFilters(filters) ? 'Check the spelling, or clear the filters.' : 'Add the first one with “New product”.'}
            withIndicatorBackground
          />
        ) : null}
        {products.length > 0 && !list.isError ? (
          <>
            <ProductTable products={products} />
            <Group justify="space-between" gap="sm">
              <Text size="sm" c="dimmed">
                {products.length} {products.length === 1 ? 'product' : 'products'}
                {list.hasNextPage ? ' so far' : ''}
              </Text>
              {list.hasNextPage ? (
                <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                  Load more
                </Button>
              ) : null}
            </Group>
          </>
        ) : null}
      </Stack>
    </Stack>
  );
}
