import { Anchor, Button, Card, Group, List, Stack, Text } from '@mantine/core';
import { IconExternalLink, IconPackageImport } from '@tabler/icons-react';
import { markShipmentDelivered, type Order, type Shipment } from '../../api/adminOrders';
import { hasAnyRole } from '../../auth/roles';
import { useSession } from '../../auth/session';
import { formatDateTime } from '../../format';
import classes from '../lists.module.css';
import { deliveryRoles } from './access';
import { ShipmentStatusBadge } from './Badges';
import { ChangeError } from './ChangeError';
import { Section } from './Section';
import { useOrderChange } from './useOrderChange';

/** Only http(s) links are followed (the server accepts no others; old rows are not trusted blindly). */
function safeLink(url: string | null | undefined): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}

/** The order's parcels with tracking, each one marked delivered when it arrives. */
export function Shipments({ order }: { order: Order }) {
  const shipments = order.shipments ?? [];
  const canDeliver = hasAnyRole(useSession()?.me, deliveryRoles);
  const deliver = useOrderChange(order.reference, (number: number) => markShipmentDelivered(order.reference, number, order.version));

  return (
    <Section title="Shipments">
      <ChangeError error={deliver.error} reference={order.reference} onReloaded={() => deliver.reset()} />
      {shipments.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing has shipped yet.
        </Text>
      ) : (
        <Stack gap="sm" component="ul" className={classes.cards} aria-label="Shipments">
          {shipments.map((shipment) => (
            <ShipmentCard
              key={shipment.number}
              shipment={shipment}
              pending={deliver.isPending && deliver.variables === shipment.number}
              disabled={deliver.isPending}
              canDeliver={canDeliver}
              onDelivered={() => deliver.mutate(shipment.number)}
            />
          ))}
        </Stack>
      )}
    </Section>
  );
}

function ShipmentCard({
  shipment,
  pending,
  disabled,
  canDeliver,
  onDelivered,
}: {
  shipment: Shipment;
  pending: boolean;
  disabled: boolean;
  canDeliver: boolean;
  onDelivered: () => void;
}) {
  return (
    <Card component="li" withBorder padding="sm" data-shipment={shipment.number}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={600} size="sm">
            Shipment {shipment.number}
          </Text>
          <ShipmentStatusBadge status={shipment.status} />
        </Group>
        <Text size="sm" className={classes.breakAnywhere}>
          {shipment.carrier} · tracking number{' '}
          <Text span fw={600} size="sm" data-testid="tracking-number">
            {shipment.tracking_number}
          </Text>
          {safeLink(shipment.tracking_url) ? (
            <>
              {' · '}
              <Anchor href={safeLink(shipment.tracking_url)} target="_blank" rel="noopener noreferrer" size="sm" underline="always">
                Track the parcel
                <IconExternalLink size={14} aria-label="(opens in a new tab)" style={{ marginLeft: 4, verticalAlign: 'middle' }} />
              </Anchor>
            </>
          ) : null}
        </Text>
        <List size="sm" spacing={2}>
          {shipment.lines.map((line) => (
            <List.Item key={line.sku}>
              {line.quantity} × {line.name}{' '}
              <Text span size="xs" c="dimmed">
                ({line.sku})
              </Text>
            </List.Item>
          ))}
        </List>
        <Text size="xs" c="dimmed">
          Shipped {formatDateTime(shipment.shipped_at)}
          {shipment.delivered_at ? ` · delivered ${formatDateTime(shipment.delivered_at)}` : ''}
        </Text>
        {shipment.status === 'shipped' && canDeliver ? (
          <Group>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPackageImport size={16} aria-hidden />}
              loading={pending}
              disabled={disabled && !pending}
              onClick={onDelivered}
              aria-label={`Mark shipment ${shipment.number} delivered`}
            >
              Mark delivered
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}
