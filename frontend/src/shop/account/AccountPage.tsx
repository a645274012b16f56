import { Button, Card, DataList, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconLayoutDashboard } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import { meQuery } from '../../api/auth';
import { isStaff, roleLabel } from '../../auth/roles';
import { endSession, useSession, type Me } from '../../auth/session';
import { CopyValue } from '../../components/CopyValue';
import { ApiKeys } from './ApiKeys';
import { ChangePasswordForm } from './ChangePasswordForm';
import { OrderNotifications } from './OrderNotifications';
import classes from './AccountPage.module.css';

const typeLabels: Record<Me['type'], string> = {
  consumer: 'Personal (consumer)',
  business: 'Business',
  staff: 'Staff',
};

/** `/account`: who is logged in (with the Registration and Login IDs) and a password change. */
export function AccountPage() {
  useDocumentTitle('My account · Order Management System');
  const session = useSession();
  // The stored copy shows at once; the server's answer replaces it (a phone changed elsewhere).
  const query = useQuery({ ...meQuery, placeholderData: session?.me });
  const me = query.data ?? session?.me;
  if (!me) {
    return null; // RequireSession renders this page only with a session
  }

  return (
    <Stack gap="lg" maw={900} mx="auto" w="100%">
      <Stack gap={4}>
        <Title order={1}>My account</Title>
        <Text c="dimmed">Logged in as {me.name}.</Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Details me={me} />
        <ChangePasswordForm me={me} onChanged={() => endSession('password-changed')} />
      </SimpleGrid>
      {isStaff(me) ? null : <OrderNotifications customerId={me.id} />}
      {me.type === 'business' ? <ApiKeys /> : null}
    </Stack>
  );
}

function Details({ me }: { me: Me }) {
  const titleId = useId();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={titleId}>
      <Stack gap="md">
        <Title order={2} size="h4" id={titleId}>
          Your details
        </Title>
        {me.registration_id && me.login_id ? (
          <Stack gap="sm">
            <IdValue value={me.registration_id} label="Registration ID" testId="registration-id" />
            <IdValue value={me.login_id} label="Login ID" testId="login-id" />
          </Stack>
        ) : null}
        <DataList labelWidth="7.5rem" withDivider>
          <Item label="Account type">{typeLabels[me.type] ?? me.type}</Item>
          <Item label="Name">{me.name}</Item>
          <Item label="Email">{me.email}</Item>
          {me.phone ? <Item label="Phone">{me.phone}</Item> : null}
          {isStaff(me) ? <Item label="Roles">{me.roles.map(roleLabel).join(', ')}</Item> : null}
        </DataList>
        {isStaff(me) ? (
          <Group>
            <Button component={Link} to="/admin" variant="default" leftSection={<IconLayoutDashboard size={16} aria-hidden />}>
              Go to the back office
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}

/** A permanent ID, large, with its copy button. */
function IdValue({ value, label, testId }: { value: string; label: string; testId: string }) {
  return (
    <Paper withBorder radius="md" px="md" py="xs">
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap">
        <Text className={classes.id} data-testid={testId}>
          {value}
        </Text>
        <CopyValue value={value} label={label} />
      </Group>
    </Paper>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue className={classes.value}>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}
