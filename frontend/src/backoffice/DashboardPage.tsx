import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { hasAnyRole } from '../auth/roles';
import { useSession } from '../auth/session';
import { SystemStatus } from '../components/SystemStatus';
import { backupRoles } from './backups/access';
import { BackupCard } from './backups/BackupCard';

/** The back office's start page. */
export function DashboardPage() {
  useDocumentTitle('Dashboard · OMS Back office');
  const session = useSession();

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>Dashboard</Title>
        <Text>The state of this server at a glance.</Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <SystemStatus />
        {hasAnyRole(session?.me, backupRoles) ? <BackupCard /> : null}
      </SimpleGrid>
    </Stack>
  );
}
