import { Anchor, Card, Group, List, SimpleGrid, Stack, Text, VisuallyHidden } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import type { OrderReturn, Shipment } from '../../api/orders';
import { CopyValue } from '../../components/CopyValue';
import { formatDateTime } from '../../format';
import { returnStatusStyles, shipmentStatusStyles } from './status';
import { StatusBadge } from './StatusBadge';

/** Only http(s) links are followed: the tracking URL is typed by staff. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}

/** Parcels: carrier, tracking number (copy) and link, when sent and delivered, what was in them. */
export function Shipments({ shipments }: { shipments: Shipment[] }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      {shipments.map((s) => {
        const link = safeUrl(s.tracking_url);
        return (
          <Card key={s.number} withBorder padding="md" component="article" aria-label={`Shipment ${s.number}`} data-testid="shipment">
            <Stack gap="xs">
              <Group justify="space-between" wrap="nowrap">
                <Text fw={600}>Shipment {s.number}</Text>
                <StatusBadge style={shipmentStatusStyles[s.status] ?? { label: s.status, color: 'gray.7', description: '' }} size="sm" />
              </Group>
              <Text size="sm">{s.carrier}</Text>
              <Group gap={4} wrap="nowrap">
                <Text size="sm" ff="monospace" data-testid="tracking-number" style={{ overflowWrap: 'anywhere' }}>
                  {s.tracking_number}
                </Text>
                <CopyValue value={s.tracking_number} label="tracking number" />
              </Group>
              {link ? (
                <Anchor href={link} target="_blank" rel="noopener noreferrer" size="sm">
                  Track the parcel with {s.carrier}
                  <IconExternalLink size={14} aria-hidden style={{ marginLeft: 4, verticalAlign: '-2px' }} />
                  <VisuallyHidden> (opens a new tab)</VisuallyHidden>
                </Anchor>
              ) : null}
              <Text size="xs" c="dimmed">
                Sent {formatDateTime(s.shipped_at)}
                {s.delivered_at ? ` · delivered ${formatDateTime(s.delivered_at)}` : ''}
              </Text>
              <List size="sm" spacing={2} aria-label={`In shipment ${s.number}`}>
                {s.lines.map((l) => (
                  <List.Item key={l.sku}>
                    {l.quantity} × {l.name}
                  </List.Item>
                ))}
              </List>
            </Stack>
          </Card>
        );
      })}
    </SimpleGrid>
  );
}

/** Return requests and what became of them. */
export function Returns({ returns }: { returns: OrderReturn[] }) {
  return (
    <Stack gap="sm">
      {returns.map((r) => (
        <Card key={r.number} withBorder padding="md" component="article" aria-label={`Return ${r.number}`} data-testid="return">
          <Stack gap="xs">
            <Group justify="space-between" wrap="nowrap">
              <Text fw={600}>Return {r.number}</Text>
              <StatusBadge style={returnStatusStyles[r.status] ?? { label: r.status, color: 'gray.7', description: '' }} size="sm" />
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              <Text span fw={600} size="sm">
                Reason:
              </Text>{' '}
              {r.reason}
            </Text>
            <List size="sm" spacing={2} aria-label={`In return ${r.number}`}>
              {r.lines.map((l) => (
                <List.Item key={l.sku}>
                  {l.quantity} × {l.name}
                </List.Item>
              ))}
            </List>
            {r.note ? (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                <Text span fw={600} size="sm">
                  Our answer:
                </Text>{' '}
                {r.note}
              </Text>
            ) : null}
            <Text size="xs" c="dimmed">
              Asked {formatDateTime(r.requested_at)}
              {r.decided_at ? ` · answered ${formatDateTime(r.decided_at)}` : ''}
              {r.received_at ? ` · received ${formatDateTime(r.received_at)}` : ''}
            </Text>
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
