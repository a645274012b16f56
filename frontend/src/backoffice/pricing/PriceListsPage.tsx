import { Anchor, Button, Card, EmptyState, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle, useMediaQuery } from '@mantine/hooks';
import { IconListDetails, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { customerGroupsQuery, type CustomerGroup } from '../../api/customerGroups';
import { priceListsQuery, type PriceList } from '../../api/pricing';
import listClasses from '../lists.module.css';
import { LoadError, ValidityBadge } from './ui';
import { validity, windowText } from './validity';

export const priceListPath = (id: string) => `/admin/pricing/price-lists/${id}`;

function forWhom(l: PriceList, groups: ReadonlyMap<string, CustomerGroup>): string {
  if (l.customer_group_id) {
    const g = groups.get(l.customer_group_id);
    return g ? `Group: ${g.name}` : 'Group';
  }
  return 'Customer contract';
}

const count = (n: number) => `${n} ${n === 1 ? 'product' : 'products'}`;

/** `/admin/pricing/price-lists`: every price list with whom it is for, its window, status today and size. */
export function PriceListsPage() {
  useDocumentTitle('Price lists · OMS Back office');
  const list = useQuery(priceListsQuery);
  const groups = useQuery(customerGroupsQuery);
  const groupMap = new Map((groups.data ?? []).map((g) => [g.id, g]));
  const compact = useMediaQuery('(max-width: 61.99em)', false, { getInitialValueInEffect: false });
  const now = new Date();
  const lists = list.data ?? [];

  const name = (l: PriceList) => (
    <Stack gap={0} miw={0}>
      <Anchor component={Link} to={priceListPath(l.id)} fw={600} size="sm" className={listClasses.breakWord}>
        {l.name}
      </Anchor>
      <Text size="xs" c="dimmed" ff="monospace">
        {l.code}
      </Text>
    </Stack>
  );

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4}>
          <Title order={1}>Price lists</Title>
          <Text>Prices with quantity tiers for a customer group, or contract prices for one customer.</Text>
        </Stack>
        <Button component={Link} to="/admin/pricing/price-lists/new" leftSection={<IconPlus size={16} aria-hidden />}>
          New price list
        </Button>
      </Group>

      {list.isPending ? (
        <Stack gap="xs" role="status" aria-label="Loading price lists">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} height={48} />
          ))}
        </Stack>
      ) : null}
      {list.isError ? <LoadError title="Could not load the price lists" error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && lists.length === 0 ? (
        <EmptyState
          icon={<IconListDetails aria-hidden />}
          title="No price lists yet"
          description="Make the first one with “New price list”."
          withIndicatorBackground
        />
      ) : null}

      {lists.length > 0 && compact ? (
        <Stack gap="sm" component="ul" className={listClasses.cards} aria-label="Price lists">
          {lists.map((l) => (
            <Card key={l.id} component="li" withBorder padding="sm" data-code={l.code}>
              <Stack gap={6}>
                <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
                  {name(l)}
                  <ValidityBadge status={validity(l, now)} />
                </Group>
                <Text size="sm">
                  {forWhom(l, groupMap)} · {l.currency} · {count(l.products)}
                </Text>
                <Text size="sm" c="dimmed">
                  {windowText(l)}
                </Text>
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : null}
      {lists.length > 0 && !compact ? (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" aria-label="Price lists">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">For</Table.Th>
                <Table.Th scope="col">Currency</Table.Th>
                <Table.Th scope="col">Valid</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col" ta="right">
                  Products
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lists.map((l) => (
                <Table.Tr key={l.id} data-code={l.code}>
                  <Table.Td>{name(l)}</Table.Td>
                  <Table.Td>{forWhom(l, groupMap)}</Table.Td>
                  <Table.Td>{l.currency}</Table.Td>
                  <Table.Td className={listClasses.nowrap}>{windowText(l)}</Table.Td>
                  <Table.Td>
                    <ValidityBadge status={validity(l, now)} />
                  </Table.Td>
                  <Table.Td ta="right">{l.products}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Stack>
  );
}
