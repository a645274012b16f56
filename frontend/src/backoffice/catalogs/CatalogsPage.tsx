import { Alert, Anchor, Button, Card, EmptyState, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle, useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconBook, IconPlus, IconRefresh } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { catalogsQuery, type CatalogSummary } from '../../api/adminCatalogs';
import { describeError } from '../../api/errors';
import listClasses from '../lists.module.css';
import classes from './catalogs.module.css';
import { audienceLabels } from './labels';
import { catalogStatus, validityText, type CatalogStatus } from './status';
import { CatalogStatusBadge } from './StatusBadge';

export const catalogPath = (id: string) => `/admin/catalogs/${id}`;

function CatalogName({ catalog }: { catalog: CatalogSummary }) {
  return (
    <Stack gap={0} miw={0}>
      <Anchor component={Link} to={catalogPath(catalog.id)} fw={600} size="sm" className={listClasses.breakWord}>
        {catalog.name}
      </Anchor>
      <Text size="xs" c="dimmed" className={classes.mono}>
        {catalog.slug}
      </Text>
    </Stack>
  );
}

function productCount(n: number): string {
  return `${n} ${n === 1 ? 'product' : 'products'}`;
}

/** `/admin/catalogs`: every catalog with its audience, validity window, status today and size. */
export function CatalogsPage() {
  useDocumentTitle('Catalogs · OMS Back office');
  const list = useQuery(catalogsQuery);
  const catalogs = useMemo(() => list.data ?? [], [list.data]);
  const compact = useMediaQuery('(max-width: 61.99em)', false, { getInitialValueInEffect: false });
  const now = new Date();
  const statusOf = (c: CatalogSummary): CatalogStatus => catalogStatus(c, now);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4}>
          <Title order={1}>Catalogs</Title>
          <Text>Selections of products for an audience or customer groups, valid for a while, optionally at their own prices.</Text>
        </Stack>
        <Button component={Link} to="/admin/catalogs/new" leftSection={<IconPlus size={16} aria-hidden />}>
          New catalog
        </Button>
      </Group>

      {list.isPending ? (
        <Stack gap="xs" role="status" aria-label="Loading catalogs">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} height={48} />
          ))}
        </Stack>
      ) : null}
      {list.isError ? (
        <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Could not load the catalogs">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{describeError(list.error)}</Text>
            <Button size="xs" color="red" leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => void list.refetch()}>
              Try again
            </Button>
          </Stack>
        </Alert>
      ) : null}
      {list.data && catalogs.length === 0 ? (
        <EmptyState
          icon={<IconBook aria-hidden />}
          title="No catalogs yet"
          description="Make the first one with “New catalog”."
          withIndicatorBackground
        />
      ) : null}

      {catalogs.length > 0 && compact ? (
        <Stack gap="sm" component="ul" className={listClasses.cards} aria-label="Catalogs">
          {catalogs.map((c) => (
            <Card key={c.id} component="li" withBorder padding="sm" data-catalog={c.slug}>
              <Stack gap={6}>
                <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
                  <CatalogName catalog={c} />
                  <CatalogStatusBadge status={statusOf(c)} />
                </Group>
                <Text size="sm">
                  {audienceLabels[c.audience]} · {productCount(c.products)}
                </Text>
                <Text size="sm" c="dimmed">
                  {validityText(c)}
                </Text>
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : null}
      {catalogs.length > 0 && !compact ? (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" aria-label="Catalogs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Audience</Table.Th>
                <Table.Th scope="col">Valid</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col" ta="right">
                  Products
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {catalogs.map((c) => (
                <Table.Tr key={c.id} data-catalog={c.slug}>
                  <Table.Td>
                    <CatalogName catalog={c} />
                  </Table.Td>
                  <Table.Td>{audienceLabels[c.audience]}</Table.Td>
                  <Table.Td className={listClasses.nowrap}>{validityText(c)}</Table.Td>
                  <Table.Td>
                    <CatalogStatusBadge status={statusOf(c)} />
                  </Table.Td>
                  <Table.Td ta="right">{c.products}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Stack>
  );
}
