import { Alert, Badge, Button, Card, Group, Modal, NativeSelect, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconLock, IconLockOpen } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiError, describeError, sentence } from '../../api/errors';
import { staffRoles, updateStaff, type StaffMember, type StaffRole, type UpdateStaffRequest } from '../../api/staff';
import { roleLabel } from '../../auth/roles';
import { formatDateTime } from '../../format';
import classes from '../lists.module.css';

interface StaffListProps {
  members: StaffMember[];
  /** The signed-in admin: marked "you" (the server refuses to lock them out). */
  selfId: string;
  compact: boolean;
  onChanged: (member: StaffMember, notice: string) => void;
}

const roleOptions = staffRoles.map((r) => ({ value: r, label: roleLabel(r) }));

/** Why a change was refused, in words: 409 (would lock yourself out) and the rest. */
function refusal(error: unknown): string {
  if (error instanceof ApiError && error.status === 409) {
    return sentence(error.problem?.detail || 'This change is not allowed');
  }
  return describeError(error);
}

export function StaffList({ members, selfId, compact, onChanged }: StaffListProps) {
  const isPhone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  const [busyId, setBusyId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [toggling, setToggling] = useState<StaffMember | null>(null);

  const change = async (member: StaffMember, body: UpdateStaffRequest, notice: (m: StaffMember) => string) => {
    setBusyId(member.id);
    setProblem(null);
    try {
      const updated = await updateStaff(member.id, body);
      onChanged(updated, notice(updated));
      return true;
    } catch (error) {
      setProblem(refusal(error));
      return false;
    } finally {
      setBusyId(null);
    }
  };

  const changeRole = (member: StaffMember, role: StaffRole) =>
    void change(member, { role }, (m) => `${m.name} is now ${roleLabel(m.role)}.`);

  const confirmToggle = async () => {
    if (!toggling) return;
    const disable = !toggling.disabled_at;
    await change(toggling, { disabled: disable }, (m) =>
      disable ? `${m.name} is disabled and was logged out everywhere.` : `${m.name} can log in again.`,
    );
    setToggling(null);
  };

  const roleSelect = (m: StaffMember) => (
    <NativeSelect
      aria-label={`Role of ${m.name}`}
      data={roleOptions}
      value={m.role}
      disabled={busyId === m.id}
      onChange={(event) => changeRole(m, event.currentTarget.value as StaffRole)}
      size="xs"
      w={140}
    />
  );
  const statusBadge = (m: StaffMember) =>
    m.disabled_at ? (
      <Badge color="red.9" variant="filled" title={`Disabled ${formatDateTime(m.disabled_at)}`}>
        Disabled
      </Badge>
    ) : (
      <Badge color="teal.9" variant="filled">
        Active
      </Badge>
    );
  const toggleButton = (m: StaffMember) => (
    <Button
      size="compact-sm"
      variant="default"
      leftSection={m.disabled_at ? <IconLockOpen size={14} aria-hidden /> : <IconLock size={14} aria-hidden />}
      onClick={() => setToggling(m)}
      loading={busyId === m.id}
      aria-label={`${m.disabled_at ? 'Enable' : 'Disable'} ${m.name}`}
    >
      {m.disabled_at ? 'Enable' : 'Disable'}
    </Button>
  );
  const name = (m: StaffMember) => (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" fw={600}>
        {m.name}
      </Text>
      {m.id === selfId ? (
        <Badge variant="default" size="sm">
          You
        </Badge>
      ) : null}
    </Group>
  );

  return (
    <Stack gap="sm">
      {problem ? (
        <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Not changed" withCloseButton onClose={() => setProblem(null)} closeButtonLabel="Dismiss">
          {problem}
        </Alert>
      ) : null}

      {compact ? (
        <Stack gap="sm" component="ul" className={classes.cards} aria-label="Staff">
          {members.map((m) => (
            <Card key={m.id} component="li" withBorder padding="sm" data-staff-email={m.email}>
              <Stack gap={8}>
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Stack gap={0} miw={0}>
                    {name(m)}
                    <Text size="sm" className={classes.breakAnywhere}>
                      {m.email}
                    </Text>
                  </Stack>
                  {statusBadge(m)}
                </Group>
                <Group justify="space-between" gap="sm">
                  {roleSelect(m)}
                  {toggleButton(m)}
                </Group>
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" aria-label="Staff">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Email</Table.Th>
                <Table.Th scope="col">Role</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">Added</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.map((m) => (
                <Table.Tr key={m.id} data-staff-email={m.email}>
                  <Table.Td>{name(m)}</Table.Td>
                  <Table.Td className={classes.breakAnywhere}>{m.email}</Table.Td>
                  <Table.Td>{roleSelect(m)}</Table.Td>
                  <Table.Td>{statusBadge(m)}</Table.Td>
                  <Table.Td className={classes.nowrap}>{formatDateTime(m.created_at)}</Table.Td>
                  <Table.Td ta="right">{toggleButton(m)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <Modal
        opened={toggling !== null}
        onClose={() => setToggling(null)}
        title={toggling ? `${toggling.disabled_at ? 'Enable' : 'Disable'} ${toggling.name}?` : ''}
        fullScreen={isPhone}
        centered
        closeButtonProps={{ 'aria-label': 'Cancel' }}
      >
        <Stack gap="md">
          <Text size="sm">
            {toggling?.disabled_at
              ? 'They can log in again with their current password.'
              : 'They are logged out everywhere at once and cannot log in until an admin enables the account again.'}
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setToggling(null)}>
              Cancel
            </Button>
            <Button
              color={toggling?.disabled_at ? 'teal.9' : 'red.9'}
              onClick={() => void confirmToggle()}
              loading={toggling !== null && busyId === toggling.id}
              data-autofocus
            >
              {toggling?.disabled_at ? 'Enable account' : 'Disable account'}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
