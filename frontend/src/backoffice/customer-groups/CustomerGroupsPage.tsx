import { Alert, Anchor, Button, Card, EmptyState, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure, useDocumentTitle, useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconPlus, IconRefresh, IconUsersGroup } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { customerGroupsKey, customerGroupsQuery, type CustomerGroup } from '../../api/customerGroups';
import { describeError } from '../../api/errors';
import listClasses from '../lists.module.css';
import classes from '../catalogs/catalogs.module.css';
import { NewGroupForm } from './NewGroupForm';

export const groupPath = (id: string) => `/admin/customer-groups/${id}`;

function members(n: number): string {
  return `${n} ${n === 1 ? 'member' : 'members'}`;
}

function GroupName({ group }: { group: CustomerGroup }) {
  return (
    <Anchor component={Link} to={groupPath(group.id)} fw={600} size="sm" className={listClasses.breakWord}>
      {group.name}
    </Anchor>
  );
}

/** `/admin/customer-groups`: groups of customers that catalogs and price lists can be limited to. */
export function CustomerGroupsPage() {
  useDocumentTitle('Customer groups · OMS Back office');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const list = useQuery(customerGroupsQuery);
  const [adding, { open, close }] = useDisclosure(false);
  const compact = useMediaQuery('(max-width: 61.99em)', false, { getInitialValueInEffect: false });
  const groups = list.data ?? [];

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4}>
          <Title order={1}>Customer groups</Title>
          <Text>Catalogs and price lists can be limited to the customers in a group, e.g. approved trade buyers.</Text>
        </Stack>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={open}>
          New customer group
        </Button>
      </Group>

      {list.isPending ? (
        <Stack gap="xs" role="status" aria-label="Loading customer groups">
          {Array.from({ length: 3 }, (_, i) => (
            <Skeleton key={i} height={44} />
          ))}
        </Stack>
      ) : null}
      {list.isError ? (
        <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Could not load the customer groups">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{describeError(list.error)}</Text>
            <Button size="xs" color="red" leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => void list.refetch()}>
              Try again
            </Button>
          </Stack>
        </Alert>
      ) : null}
      {list.data && groups.length === 0 ? (
        <EmptyState
          icon={<IconUsersGroup aria-hidden />}
          title="No customer groups yet"
          description="Make the first one with “New customer group”."
          withIndicatorBackground
        />
      ) : null}

      {groups.length > 0 && compact ? (
        <Stack gap="sm" component="ul" className={listClasses.cards} aria-label="Customer groups">
          {groups.map((g) => (
            <Card key={g.id} component="li" withBorder padding="sm" data-group={g.code}>
              <Stack gap={4}>
                <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
                  <GroupName group={g} />
                  <Text size="sm" className={listClasses.nowrap}>
                    {members(g.members)}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed" className={classes.mono}>
                  {g.code}
                </Text>
                {g.description ? <Text size="sm">{g.description}</Text> : null}
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : null}
      {groups.length > 0 && !compact ? (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" aria-label="Customer groups">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Code</Table.Th>
                <Table.Th scope="col" ta="right">
                  Members
                </Table.Th>
                <Table.Th scope="col">Description</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {groups.map((g) => (
                <Table.Tr key={g.id} data-group={g.code}>
                  <Table.Td>
                    <GroupName group={g} />
                  </Table.Td>
                  <Table.Td className={classes.mono}>{g.code}</Table.Td>
                  <Table.Td ta="right">{g.members}</Table.Td>
                  <Table.Td>{g.description}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}

      <NewGroupForm
        opened={adding}
        onClose={close}
        onCreated={(group) => {
          close();
          queryClient.setQueryData(customerGroupsQuery.queryKey, (old: CustomerGroup[] | undefined) => [...(old ?? []), group]);
          void queryClient.invalidateQueries({ queryKey: customerGroupsKey });
          void navigate(groupPath(group.id), { state: { notice: `${group.name} was created. Add its members below.` } });
        }}
      />
    </Stack>
  );
}
