import { Card, Divider, Group, Stack, Table, Text } from '@mantine/core';
import type { Order } from '../../api/adminOrders';
import classes from '../lists.module.css';
import { formatMoney } from '../products/money';
import { amount } from './format';
import { Section } from './Section';

/** The lines with what has shipped and come back, then the totals. */
export function OrderItems({ order, compact }: { order: Order; compact: boolean }) {
  const t = order.totals;
  return (
    <Section title="Items">
      {compact ? (
        <Stack gap="xs" component="ul" className={classes.cards} aria-label="Items">
          {order.items.map((line) => (
            <Card key={line.sku} component="li" withBorder padding="xs">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={0} miw={0}>
                  <Text size="sm" fw={500} className={classes.breakWord}>
                    {line.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {line.sku} · {line.quantity} × {formatMoney(line.unit_price.amount, line.unit_price.currency)}
                  </Text>
                  <Text size="xs">
                    Shipped {line.shipped_quantity} · returned {line.returned_quantity}
                  </Text>
                </Stack>
                <Text size="sm" fw={600} className={classes.nowrap}>
                  {formatMoney(line.total.amount, line.total.currency)}
                </Text>
              </Group>
            </Card>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={620}>
          <Table verticalSpacing="xs" aria-label="Items">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Product</Table.Th>
                <Table.Th scope="col" ta="right">
                  Ordered
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  Shipped
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  Returned
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  Unit price
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  Total
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {order.items.map((line) => (
                <Table.Tr key={line.sku} data-sku={line.sku}>
                  <Table.Td>
                    <Text size="sm">{line.name}</Text>
                    <Text size="xs" c="dimmed">
                      {line.sku}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{line.quantity}</Table.Td>
                  <Table.Td ta="right">{line.shipped_quantity}</Table.Td>
                  <Table.Td ta="right">{line.returned_quantity}</Table.Td>
                  <Table.Td ta="right" className={classes.nowrap}>
                    {formatMoney(line.unit_price.amount, line.unit_price.currency)}
                  </Table.Td>
                  <Table.Td ta="right" className={classes.nowrap}>
                    {formatMoney(line.total.amount, line.total.currency)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Divider />
      <Stack gap={4} ml="auto" w={{ base: '100%', xs: 280 }} aria-label="Totals" role="group">
        <TotalRow label="Subtotal" value={amount(t.subtotal, order)} />
        {t.discount ? <TotalRow label="Discount" value={`−${amount(t.discount, order)}`} /> : null}
        <TotalRow label="Shipping" value={amount(t.shipping, order)} />
        <TotalRow label="Tax" value={amount(t.tax, order)} />
        <TotalRow label="Total" value={amount(t.total, order)} strong />
      </Stack>
    </Section>
  );
}

function TotalRow({ label, value, strong = false }: { label: string; value: string; strong?: boolean }) {
  return (
    <Group justify="space-between" gap="xs">
      <Text size="sm" fw={strong ? 700 : undefined}>
        {label}
      </Text>
      <Text size="sm" fw={strong ? 700 : undefined}>
        {value}
      </Text>
    </Group>
  );
}
