import { Alert, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconCircleCheck } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { customerGroupsQuery } from '../../api/customerGroups';
import { deletePriceList, priceListKey, priceListQuery, priceListsKey, type PriceList } from '../../api/pricing';
import { DeleteButton } from './DeleteButton';
import { PriceListForm } from './PriceListForm';
import { priceListPath } from './PriceListsPage';
import { BackLink, LoadError, ValidityBadge } from './ui';
import { validity } from './validity';

const listsPath = '/admin/pricing/price-lists';

/** `/admin/pricing/price-lists/new`: saving opens the list's own page. */
export function NewPriceListPage() {
  useDocumentTitle('New price list · OMS Back office');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const groups = useQuery(customerGroupsQuery);
  return (
    <Stack gap="lg">
      <BackLink to={listsPath}>Price lists</BackLink>
      <Stack gap={4}>
        <Title order={1}>New price list</Title>
        <Text>Choose whom it is for, then add products with their quantity tiers.</Text>
      </Stack>
      <PriceListForm
        groups={groups.data}
        onReload={() => Promise.resolve(undefined)}
        onSaved={(l) => {
          queryClient.setQueryData(priceListKey(l.id), l);
          void queryClient.invalidateQueries({ queryKey: priceListsKey });
          void navigate(priceListPath(l.id), { replace: true, state: { notice: `${l.name} was created.` } });
        }}
      />
    </Stack>
  );
}

/** `/admin/pricing/price-lists/:id`: edit (or delete) a price list. */
export function PriceListEditorPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const detail = useQuery(priceListQuery(id));
  const groups = useQuery(customerGroupsQuery);
  const location = useLocation();
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  const list = detail.data;
  useDocumentTitle(`${list?.name ?? 'Price list'} · OMS Back office`);

  const saved = (l: PriceList) => {
    queryClient.setQueryData(priceListKey(l.id), l);
    void queryClient.invalidateQueries({ queryKey: [...priceListsKey, 'list'] });
    setNotice(`${l.name} was saved.`);
  };

  return (
    <Stack gap="lg">
      <BackLink to={listsPath}>Price lists</BackLink>
      {detail.isPending ? (
        <Stack gap="sm" role="status" aria-label="Loading the price list">
          <Skeleton height={36} width="50%" />
          <Skeleton height={240} />
        </Stack>
      ) : null}
      {detail.isError && !list ? <LoadError title="Could not load the price list" error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {list ? (
        <>
          <Group justify="space-between" align="flex-start" gap="sm">
            <Stack gap={6}>
              <Title order={1}>{list.name}</Title>
              <Group gap="xs">
                <ValidityBadge status={validity(list)} />
                <Text size="sm" c="dimmed">
                  {list.code} · {list.currency} · {list.products} {list.products === 1 ? 'product' : 'products'}
                </Text>
              </Group>
            </Stack>
            <DeleteButton
              what={`the price list ${list.name}`}
              onDelete={async () => {
                await deletePriceList(list.id);
                queryClient.removeQueries({ queryKey: priceListKey(list.id) });
                await queryClient.invalidateQueries({ queryKey: priceListsKey });
                void navigate(listsPath, { replace: true });
              }}
            />
          </Group>
          {notice ? (
            <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} role="status" withCloseButton onClose={() => setNotice(null)} closeButtonLabel="Dismiss">
              {notice}
            </Alert>
          ) : null}
          <PriceListForm
            key={list.id}
            loaded={list}
            groups={groups.data}
            onSaved={saved}
            onReload={async () => {
              const fresh = await detail.refetch();
              if (fresh.isError) throw fresh.error;
              return fresh.data;
            }}
          />
        </>
      ) : null}
    </Stack>
  );
}
