import { Alert, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAdjustments, IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import type { Product } from '../../api/adminCatalog';
import { AdjustStockDialog } from './AdjustStockDialog';

interface StockPanelProps {
  product: Product;
  /** Fulfilment and admins may adjust; everyone else sees the numbers. */
  canAdjust: boolean;
  onAdjusted: (product: Product) => void;
}

function Figure({ label, value }: { label: string; value: number | undefined }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value ?? '—'}
      </Text>
    </Stack>
  );
}

export function StockPanel({ product, canAdjust, onAdjusted }: StockPanelProps) {
  const [opened, { open, close }] = useDisclosure(false);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="stock-title">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h4" id="stock-title">
            Stock
          </Title>
          {canAdjust ? (
            <Button size="compact-sm" variant="default" leftSection={<IconAdjustments size={14} aria-hidden />} onClick={open}>
              Adjust stock
            </Button>
          ) : null}
        </Group>
        <SimpleGrid cols={3} spacing="xs">
          <Figure label="On hand" value={product.stock.on_hand} />
          <Figure label="Reserved" value={product.stock.reserved} />
          <Figure label="Available" value={product.stock.available} />
        </SimpleGrid>
        {notice ? (
          <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} role="status" withCloseButton onClose={() => setNotice(null)} closeButtonLabel="Dismiss">
            {notice}
          </Alert>
        ) : null}
      </Stack>
      {canAdjust ? (
        <AdjustStockDialog
          product={product}
          opened={opened}
          onClose={close}
          onAdjusted={(updated, delta) => {
            close();
            setNotice(`Stock ${delta > 0 ? 'increased' : 'reduced'} by ${Math.abs(delta)}: ${updated.stock.on_hand ?? '?'} on hand now.`);
            onAdjusted(updated);
          }}
        />
      ) : null}
    </Card>
  );
}
