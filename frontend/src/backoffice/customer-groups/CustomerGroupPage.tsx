import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Group,
  Modal,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle, useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconArrowLeft, IconCircleCheck, IconRefresh, IconUserMinus, IconUserPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import {
  addGroupMember,
  customerGroupsKey,
  customerGroupsQuery,
  groupMembersKey,
  groupMembersQuery,
  removeGroupMember,
  type GroupMember,
} from '../../api/customerGroups';
import { ApiError, describeError, sentence } from '../../api/errors';
import listClasses from '../lists.module.css';
import classes from '../catalogs/catalogs.module.css';

const typeLabels: Record<GroupMember['type'], string> = { business: 'Business', consumer: 'Consumer' };

function BackLink() {
  return (
    <Anchor component={Link} to="/admin/customer-groups" size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={16} aria-hidden />
        Customer groups
      </Group>
    </Anchor>
  );
}

/** "Add a customer" by Login ID or email; the server's "no such customer" lands on the input. */
function AddMemberForm({ groupId, onAdded }: { groupId: string; onAdded: (member: GroupMember) => void }) {
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({
    initialValues: { customer: '' },
    validate: { customer: (v) => (v.trim() ? null : 'Enter a Login ID (e.g. C000123) or an email address') },
  });
  const submit = form.onSubmit(async ({ customer }) => {
    setProblem(null);
    try {
      const member = await addGroupMember(groupId, customer.trim());
      form.reset();
      onAdded(member);
    } catch (error) {
      const field = error instanceof ApiError ? error.problem?.errors?.find((e) => e.field === 'customer') : undefined;
      if (field) {
        form.setFieldError('customer', sentence(field.message));
        form.getInputNode('customer')?.focus();
      } else {
        setProblem(describeError(error));
      }
    }
  }, () => form.getInputNode('customer')?.focus());

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="add-member-title">
      <form onSubmit={submit} noValidate aria-label="Add a customer">
        <Stack gap="sm">
          <Title order={2} size="h4" id="add-member-title">
            Add a customer
          </Title>
          <TextInput
            label="Login ID or email"
            description="As on the customer’s account, e.g. C000123 or buyer@example.com."
            autoComplete="off"
            spellCheck={false}
            maw={480}
            {...form.getInputProps('customer')}
          />
          <Group>
            <Button type="submit" loading={form.submitting} leftSection={<IconUserPlus size={16} aria-hidden />}>
              Add to group
            </Button>
          </Group>
          {problem ? (
            <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />}>
              {problem}
            </Alert>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}

/** `/admin/customer-groups/:id`: a group's members; add by Login ID or email, remove after confirming. */
export function CustomerGroupPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const location = useLocation();
  const groups = useQuery(customerGroupsQuery);
  const members = useQuery(groupMembersQuery(id));
  const group = groups.data?.find((g) => g.id === id);
  const compact = useMediaQuery('(max-width: 61.99em)', false, { getInitialValueInEffect: false });
  const isPhone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  const [removing, setRemoving] = useState<GroupMember | null>(null);
  const [busy, setBusy] = useState(false);
  const [removeProblem, setRemoveProblem] = useState<string | null>(null);
  useDocumentTitle(`${group?.name ?? 'Customer group'} · OMS Back office`);

  const changed = () => {
    void queryClient.invalidateQueries({ queryKey: groupMembersKey(id) });
    void queryClient.invalidateQueries({ queryKey: customerGroupsKey });
  };

  const added = (member: GroupMember) => {
    queryClient.setQueryData(groupMembersKey(id), (old: GroupMember[] | undefined) =>
      old && !old.some((m) => m.id === member.id) ? [...old, member].sort((a, b) => a.login_id.localeCompare(b.login_id)) : old,
    );
    changed();
    setNotice(`${member.name} (${member.login_id}) is in the group.`);
  };

  const confirmRemove = async () => {
    if (!removing) return;
    setBusy(true);
    setRemoveProblem(null);
    try {
      await removeGroupMember(id, removing.id);
      queryClient.setQueryData(groupMembersKey(id), (old: GroupMember[] | undefined) => old?.filter((m) => m.id !== removing.id));
      changed();
      setNotice(`${removing.name} (${removing.login_id}) was removed from the group.`);
      setRemoving(null);
    } catch (error) {
      setRemoveProblem(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  const removeButton = (m: GroupMember) => (
    <Button
      size="compact-sm"
      variant="default"
      leftSection={<IconUserMinus size={14} aria-hidden />}
      onClick={() => {
        setRemoveProblem(null);
        setRemoving(m);
      }}
      aria-label={`Remove ${m.name} (${m.login_id})`}
    >
      Remove
    </Button>
  );
  const list = members.data ?? [];
  const notFound = groups.data && !group;
  const failed = groups.isError ? groups : members.isError && !(members.error instanceof ApiError && members.error.status === 404) ? members : undefined;

  return (
    <Stack gap="lg">
      <BackLink />
      {groups.isPending ? <Skeleton height={36} width="40%" /> : null}
      {group ? (
        <Stack gap={6}>
          <Title order={1}>{group.name}</Title>
          <Group gap="xs">
            <Badge variant="default" className={classes.mono} tt="none">
              {group.code}
            </Badge>
            <Text size="sm" c="dimmed">
              {group.members} {group.members === 1 ? 'member' : 'members'}
            </Text>
          </Group>
          {group.description ? <Text>{group.description}</Text> : null}
        </Stack>
      ) : null}
      {notFound ? (
        <Alert color="orange" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Customer group not found">
          It may have been removed. Go back to the customer groups and pick another one.
        </Alert>
      ) : null}
      {failed ? (
        <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Could not load the group">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{describeError(failed.error)}</Text>
            <Button
              size="xs"
              color="red"
              leftSection={<IconRefresh size={16} aria-hidden />}
              onClick={() => {
                void groups.refetch();
                void members.refetch();
              }}
            >
              Try again
            </Button>
          </Stack>
        </Alert>
      ) : null}
      {notice ? (
        <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} role="status" withCloseButton onClose={() => setNotice(null)} closeButtonLabel="Dismiss">
          {notice}
        </Alert>
      ) : null}

      {group ? (
        <>
          <AddMemberForm groupId={id} onAdded={added} />
          <Stack gap="sm" component="section" aria-labelledby="members-title">
            <Title order={2} size="h4" id="members-title">
              Members
            </Title>
            {members.isPending ? (
              <Stack gap="xs" role="status" aria-label="Loading members">
                {Array.from({ length: 3 }, (_, i) => (
                  <Skeleton key={i} height={40} />
                ))}
              </Stack>
            ) : null}
            {members.data && list.length === 0 ? (
              <Text size="sm" c="dimmed">
                Nobody is in this group yet. Add customers by their Login ID or email above.
              </Text>
            ) : null}
            {list.length > 0 && compact ? (
              <Stack gap="sm" component="ul" className={listClasses.cards} aria-label="Members">
                {list.map((m) => (
                  <Card key={m.id} component="li" withBorder padding="sm" data-member={m.login_id}>
                    <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
                      <Stack gap={0} miw={0}>
                        <Text size="sm" fw={600}>
                          {m.name}
                        </Text>
                        <Text size="sm" className={classes.mono}>
                          {m.login_id}
                        </Text>
                        <Text size="sm" className={listClasses.breakAnywhere}>
                          {m.email}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {typeLabels[m.type]}
                        </Text>
                      </Stack>
                      <Box className={listClasses.badge}>{removeButton(m)}</Box>
                    </Group>
                  </Card>
                ))}
              </Stack>
            ) : null}
            {list.length > 0 && !compact ? (
              <Table.ScrollContainer minWidth={640}>
                <Table verticalSpacing="sm" aria-label="Members">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Login ID</Table.Th>
                      <Table.Th scope="col">Name</Table.Th>
                      <Table.Th scope="col">Email</Table.Th>
                      <Table.Th scope="col">Type</Table.Th>
                      <Table.Th scope="col">
                        <VisuallyHidden>Actions</VisuallyHidden>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {list.map((m) => (
                      <Table.Tr key={m.id} data-member={m.login_id}>
                        <Table.Td className={classes.mono}>{m.login_id}</Table.Td>
                        <Table.Td>{m.name}</Table.Td>
                        <Table.Td className={listClasses.breakAnywhere}>{m.email}</Table.Td>
                        <Table.Td>{typeLabels[m.type]}</Table.Td>
                        <Table.Td ta="right">{removeButton(m)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            ) : null}
          </Stack>
        </>
      ) : null}

      <Modal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={removing ? `Remove ${removing.name} from ${group?.name ?? 'the group'}?` : ''}
        fullScreen={isPhone}
        centered
        closeButtonProps={{ 'aria-label': 'Cancel' }}
      >
        <Stack gap="md">
          <Text size="sm">
            They stop seeing the catalogs and prices given to this group straight away. Their account is not changed
            otherwise, and you can add them again at any time.
          </Text>
          {removeProblem ? (
            <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />}>
              {removeProblem}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setRemoving(null)} data-autofocus>
              Cancel
            </Button>
            <Button color="red.9" onClick={() => void confirmRemove()} loading={busy}>
              Remove from group
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
