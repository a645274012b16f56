import { Alert, Anchor, Badge, Button, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertTriangle, IconArrowLeft, IconCircleCheck, IconRefresh } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import {
  catalogKey,
  catalogListsKey,
  catalogProductsQuery,
  catalogQuery,
  type CatalogDetail,
} from '../../api/adminCatalogs';
import { customerGroupsQuery } from '../../api/customerGroups';
import { describeError } from '../../api/errors';
import { CatalogForm, type LoadedCatalog } from './CatalogForm';
import { catalogPath } from './CatalogsPage';
import { audienceLabels } from './labels';
import { catalogStatus } from './status';
import { CatalogStatusBadge } from './StatusBadge';

function BackLink() {
  return (
    <Anchor component={Link} to="/admin/catalogs" size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={16} aria-hidden />
        Catalogs
      </Group>
    </Anchor>
  );
}

/** `/admin/catalogs/new`: a blank catalog; saving opens its page. */
export function NewCatalogPage() {
  useDocumentTitle('New catalog · OMS Back office');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const groups = useQuery(customerGroupsQuery);
  return (
    <Stack gap="lg">
      <BackLink />
      <Stack gap={4}>
        <Title order={1}>New catalog</Title>
        <Text>Pick who it is for and when, then add products in the order customers should see them.</Text>
      </Stack>
      <CatalogForm
        groups={groups.data}
        onReload={() => Promise.resolve(undefined)}
        onSaved={(catalog) => {
          queryClient.setQueryData(catalogKey(catalog.id), catalog);
          void queryClient.invalidateQueries({ queryKey: catalogListsKey });
          void navigate(catalogPath(catalog.id), { replace: true, state: { notice: `${catalog.name} was created.` } });
        }}
      />
    </Stack>
  );
}

/** `/admin/catalogs/:id`: edit a catalog. */
export function CatalogEditorPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const detail = useQuery(catalogQuery(id));
  const products = useQuery(catalogProductsQuery(id));
  const groups = useQuery(customerGroupsQuery);
  const location = useLocation();
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  const catalog = detail.data;
  useDocumentTitle(`${catalog?.name ?? 'Catalog'} · OMS Back office`);

  const failed = detail.isError ? detail : products.isError ? products : undefined;
  const ready = catalog && products.data;

  const reload = async (): Promise<LoadedCatalog | undefined> => {
    const [fresh, items] = await Promise.all([detail.refetch(), products.refetch()]);
    if (fresh.isError) throw fresh.error;
    if (items.isError) throw items.error;
    return fresh.data && items.data ? { catalog: fresh.data, products: items.data } : undefined;
  };

  const saved = (c: CatalogDetail) => {
    queryClient.setQueryData(catalogKey(c.id), c);
    void queryClient.invalidateQueries({ queryKey: catalogListsKey });
    void queryClient.invalidateQueries({ queryKey: catalogProductsQuery(c.id).queryKey });
    setNotice(`${c.name} was saved.`);
  };

  return (
    <Stack gap="lg">
      <BackLink />
      {!ready && !failed ? (
        <Stack gap="sm" role="status" aria-label="Loading the catalog">
          <Skeleton height={36} width="50%" />
          <Skeleton height={240} />
        </Stack>
      ) : null}
      {failed && !ready ? (
        <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Could not load the catalog">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{describeError(failed.error)}</Text>
            <Button
              size="xs"
              color="red"
              leftSection={<IconRefresh size={16} aria-hidden />}
              onClick={() => {
                void detail.refetch();
                void products.refetch();
              }}
            >
              Try again
            </Button>
          </Stack>
        </Alert>
      ) : null}
      {ready ? (
        <>
          <Stack gap={6}>
            <Title order={1}>{catalog.name}</Title>
            <Group gap="xs">
              <CatalogStatusBadge status={catalogStatus(catalog)} />
              <Badge variant="default">{audienceLabels[catalog.audience]}</Badge>
              <Text size="sm" c="dimmed">
                {catalog.products} {catalog.products === 1 ? 'product' : 'products'}
              </Text>
            </Group>
          </Stack>
          {notice ? (
            <Alert
              color="teal"
              variant="light"
              icon={<IconCircleCheck aria-hidden />}
              role="status"
              withCloseButton
              onClose={() => setNotice(null)}
              closeButtonLabel="Dismiss"
            >
              {notice}
            </Alert>
          ) : null}
          <CatalogForm
            key={catalog.id}
            loaded={{ catalog, products: products.data }}
            groups={groups.data}
            onReload={reload}
            onSaved={saved}
          />
        </>
      ) : null}
    </Stack>
  );
}
