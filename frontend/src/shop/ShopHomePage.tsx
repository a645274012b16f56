import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { SystemStatus } from '../components/SystemStatus';
import { HomeSections } from './catalog/HomeSections';

/** The customer area's start page. */
export function ShopHomePage() {
  useDocumentTitle('Order Management System');

  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <Title order={1}>Order Management System</Title>
        <Text size="lg" maw={640}>
          Electronic order entry, processing and tracking for business and consumer customers.
        </Text>
      </Stack>
      <HomeSections />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <SystemStatus />
      </SimpleGrid>
    </Stack>
  );
}
