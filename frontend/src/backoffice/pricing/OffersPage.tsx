import { Anchor, Badge, Button, Card, EmptyState, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle, useMediaQuery } from '@mantine/hooks';
import { IconDiscount, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { offersQuery, type Offer } from '../../api/pricing';
import listClasses from '../lists.module.css';
import { kindLabels, offerValueText, scopeLabels, usesText } from './offerForm';
import { LoadError, ValidityBadge } from './ui';
import { validity, windowText } from './validity';

export const offerPath = (id: string) => `/admin/pricing/offers/${id}`;

function CodeBadge({ code }: { code: string | null | undefined }) {
  return code ? (
    <Badge variant="default" ff="monospace" className={listClasses.badge}>
      {code}
    </Badge>
  ) : (
    <Text size="sm" c="dimmed">
      Automatic
    </Text>
  );
}

/** `/admin/pricing/offers`: offers and coupons with their discount, scope, window, status today and uses. */
export function OffersPage() {
  useDocumentTitle('Offers and coupons · OMS Back office');
  const list = useQuery(offersQuery);
  const compact = useMediaQuery('(max-width: 61.99em)', false, { getInitialValueInEffect: false });
  const now = new Date();
  const offers = list.data ?? [];

  const name = (o: Offer) => (
    <Anchor component={Link} to={offerPath(o.id)} fw={600} size="sm" className={listClasses.breakWord}>
      {o.name}
    </Anchor>
  );

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4}>
          <Title order={1}>Offers and coupons</Title>
          <Text>Discounts on a product, a category or the whole order; with a code they are coupons customers enter.</Text>
        </Stack>
        <Button component={Link} to="/admin/pricing/offers/new" leftSection={<IconPlus size={16} aria-hidden />}>
          New offer
        </Button>
      </Group>

      {list.isPending ? (
        <Stack gap="xs" role="status" aria-label="Loading offers">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} height={48} />
          ))}
        </Stack>
      ) : null}
      {list.isError ? <LoadError title="Could not load the offers" error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && offers.length === 0 ? (
        <EmptyState icon={<IconDiscount aria-hidden />} title="No offers yet" description="Make the first one with “New offer”." withIndicatorBackground />
      ) : null}

      {offers.length > 0 && compact ? (
        <Stack gap="sm" component="ul" className={listClasses.cards} aria-label="Offers">
          {offers.map((o) => (
            <Card key={o.id} component="li" withBorder padding="sm" data-offer={o.code ?? o.name}>
              <Stack gap={6}>
                <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
                  {name(o)}
                  <ValidityBadge status={validity(o, now)} />
                </Group>
                <Group gap="xs">
                  <CodeBadge code={o.code} />
                  <Text size="sm">
                    {offerValueText(o)} off · {scopeLabels[o.scope]}
                  </Text>
                </Group>
                <Text size="sm" c="dimmed">
                  {windowText(o)} · used {usesText(o)}
                </Text>
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : null}
      {offers.length > 0 && !compact ? (
        <Table.ScrollContainer minWidth={860}>
          <Table verticalSpacing="sm" aria-label="Offers">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Code</Table.Th>
                <Table.Th scope="col">Kind</Table.Th>
                <Table.Th scope="col" ta="right">
                  Value
                </Table.Th>
                <Table.Th scope="col">Applies to</Table.Th>
                <Table.Th scope="col">Valid</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col" ta="right">
                  Uses
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {offers.map((o) => (
                <Table.Tr key={o.id} data-offer={o.code ?? o.name}>
                  <Table.Td>{name(o)}</Table.Td>
                  <Table.Td>
                    <CodeBadge code={o.code} />
                  </Table.Td>
                  <Table.Td>{kindLabels[o.kind]}</Table.Td>
                  <Table.Td ta="right" className={listClasses.nowrap}>
                    {offerValueText(o)}
                  </Table.Td>
                  <Table.Td>{scopeLabels[o.scope]}</Table.Td>
                  <Table.Td className={listClasses.nowrap}>{windowText(o)}</Table.Td>
                  <Table.Td>
                    <ValidityBadge status={validity(o, now)} />
                  </Table.Td>
                  <Table.Td ta="right">{usesText(o)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Stack>
  );
}
