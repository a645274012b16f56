import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { SystemStatus } from '../components/SystemStatus';

/** The back office's start page. */
export function DashboardPage() {
  useDocumentTitle('Dashboard · OMS Back office');

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>Dashboard</Title>
        <Text>The state of this server at a glance.</Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <SystemStatus />
      </SimpleGrid>
    </Stack>
  );
}
