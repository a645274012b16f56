import { Alert, Anchor, Badge, Button, Grid, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertTriangle, IconArrowLeft, IconCircleCheck, IconRefresh } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { categoriesQuery, productKey, productListsKey, productQuery, type Product } from '../../api/adminCatalog';
import { describeError } from '../../api/errors';
import { areaRoles, hasAnyRole } from '../../auth/roles';
import { useSession } from '../../auth/session';
import { audienceLabels } from './labels';
import { MediaPanel } from './MediaPanel';
import { MediaSummary } from './MediaSummary';
import { ProductForm } from './ProductForm';
import { productPath } from './ProductTable';
import { ProductStatusBadge } from './StatusBadge';
import { StockPanel } from './StockPanel';

function BackLink() {
  return (
    <Anchor component={Link} to="/admin/products" size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={16} aria-hidden />
        Products
      </Group>
    </Anchor>
  );
}

function Notice({ children, onClose }: { children: string; onClose: () => void }) {
  return (
    <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} role="status" withCloseButton onClose={onClose} closeButtonLabel="Dismiss">
      {children}
    </Alert>
  );
}

/** `/admin/products/new`: a blank product; saving opens its page (for pictures and stock). */
export function NewProductPage() {
  useDocumentTitle('New product · OMS Back office');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const categories = useQuery(categoriesQuery);
  return (
    <Stack gap="lg">
      <BackLink />
      <Stack gap={4}>
        <Title order={1}>New product</Title>
        <Text>Save it as a draft first if you like: only staff see drafts. Pictures and videos are added after saving.</Text>
      </Stack>
      <ProductForm
        categories={categories.data ?? []}
        readOnly={false}
        onReload={() => Promise.resolve(undefined)}
        onSaved={(product) => {
          queryClient.setQueryData(productKey(product.id), product);
          void queryClient.invalidateQueries({ queryKey: productListsKey });
          void navigate(productPath(product.id), {
            replace: true,
            state: { notice: `${product.name} was created. Add pictures, videos and datasheets below.` },
          });
        }}
      />
    </Stack>
  );
}

/** `/admin/products/:id`: the product's fields, stock and media. */
export function ProductEditorPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const canEdit = hasAnyRole(session?.me, areaRoles.catalog);
  const canAdjust = hasAnyRole(session?.me, areaRoles.stock);
  const queryClient = useQueryClient();
  const query = useQuery(productQuery(id));
  const categories = useQuery(categoriesQuery);
  const location = useLocation();
  const [notice, setNotice] = useState<string | null>(
    (location.state as { notice?: string } | null)?.notice ?? null,
  );
  const product = query.data;
  useDocumentTitle(`${product?.name ?? 'Product'} · OMS Back office`);
  const navigate = useNavigate();

  // Opened by slug (a link from elsewhere): settle on the id, which every change uses.
  useEffect(() => {
    if (product && product.id !== id) {
      queryClient.setQueryData(productKey(product.id), product);
      void navigate(productPath(product.id), { replace: true, state: location.state });
    }
  }, [product, id, navigate, queryClient, location.state]);

  const changed = (p: Product) => {
    queryClient.setQueryData(productKey(p.id), p);
    void queryClient.invalidateQueries({ queryKey: productListsKey });
  };

  return (
    <Stack gap="lg">
      <BackLink />
      {query.isPending ? (
        <Stack gap="sm" role="status" aria-label="Loading the product">
          <Skeleton height={36} width="50%" />
          <Skeleton height={240} />
        </Stack>
      ) : null}
      {query.isError && !product ? (
        <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Could not load the product">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{describeError(query.error)}</Text>
            <Button size="xs" color="red" leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => void query.refetch()}>
              Try again
            </Button>
          </Stack>
        </Alert>
      ) : null}
      {product ? (
        <>
          <Stack gap={6}>
            <Title order={1}>{product.name}</Title>
            <Group gap="xs">
              <ProductStatusBadge status={product.status} />
              <Badge variant="default">{audienceLabels[product.audience]}</Badge>
              <Text size="sm" c="dimmed" ff="monospace">
                {product.sku}
              </Text>
            </Group>
          </Stack>
          {notice ? <Notice onClose={() => setNotice(null)}>{notice}</Notice> : null}
          {!canEdit ? (
            <Text size="sm" c="dimmed">
              You can adjust the stock; changing the product itself is for Sales and Admin staff.
            </Text>
          ) : null}
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, lg: 8 }} order={{ base: 2, lg: 1 }}>
              <ProductForm
                key={product.id}
                product={product}
                categories={categories.data ?? []}
                readOnly={!canEdit}
                onReload={async () => {
                  const result = await query.refetch();
                  if (result.isError) throw result.error;
                  return result.data;
                }}
                onSaved={(p) => {
                  changed(p);
                  setNotice(`${p.name} was saved.`);
                }}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 4 }} order={{ base: 1, lg: 2 }}>
              <Stack gap="md">
                <StockPanel product={product} canAdjust={canAdjust} onAdjusted={changed} />
                {canEdit ? <MediaPanel product={product} /> : <MediaSummary product={product} />}
              </Stack>
            </Grid.Col>
          </Grid>
        </>
      ) : null}
    </Stack>
  );
}
