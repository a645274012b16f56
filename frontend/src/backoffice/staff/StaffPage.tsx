import { Alert, Button, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDisclosure, useDocumentTitle, useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconCircleCheck, IconRefresh, IconUserPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '../../api/errors';
import { staffKey, staffListQuery, type StaffMember } from '../../api/staff';
import { useSession } from '../../auth/session';
import { AddStaffForm } from './AddStaffForm';
import { StaffList } from './StaffList';

/** `/admin/users` (admins): staff accounts, their roles, and who may log in. */
export function StaffPage() {
  useDocumentTitle('Staff · OMS Back office');
  const session = useSession();
  const queryClient = useQueryClient();
  const list = useQuery(staffListQuery);
  const [adding, { open, close }] = useDisclosure(false);
  const [notice, setNotice] = useState<string | null>(null);
  const compact = useMediaQuery('(max-width: 61.99em)', false, { getInitialValueInEffect: false });

  const changed = (member: StaffMember, what: string) => {
    queryClient.setQueryData(staffKey, (old: { items: StaffMember[] } | undefined) =>
      old ? { items: old.items.map((m) => (m.id === member.id ? member : m)) } : old,
    );
    setNotice(what);
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4}>
          <Title order={1}>Staff</Title>
          <Text>Who can use the back office, and with which role. Disabling an account logs it out everywhere.</Text>
        </Stack>
        <Button leftSection={<IconUserPlus size={16} aria-hidden />} onClick={open}>
          Add staff member
        </Button>
      </Group>

      {notice ? (
        <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} role="status" withCloseButton onClose={() => setNotice(null)} closeButtonLabel="Dismiss">
          {notice}
        </Alert>
      ) : null}

      {list.isPending ? (
        <Stack gap="xs" role="status" aria-label="Loading staff">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} height={44} />
          ))}
        </Stack>
      ) : null}
      {list.isError ? (
        <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Could not load the staff list">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{describeError(list.error)}</Text>
            <Button size="xs" color="red" leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => void list.refetch()}>
              Try again
            </Button>
          </Stack>
        </Alert>
      ) : null}
      {list.data ? (
        <StaffList members={list.data.items} selfId={session?.me.id ?? ''} compact={compact} onChanged={changed} />
      ) : null}

      <AddStaffForm
        opened={adding}
        onClose={close}
        onCreated={(member) => {
          close();
          setNotice(`${member.name} was added. Give them their first password in person or by phone; they can change it under My account.`);
          void queryClient.invalidateQueries({ queryKey: staffKey });
        }}
      />
    </Stack>
  );
}
