import { Anchor, Badge, Button, Card, Code, Collapse, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconExternalLink } from '@tabler/icons-react';
import { Fragment, useId, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { AuditEntry } from '../../api/audit';
import { formatDateTime } from '../../format';
import classes from '../lists.module.css';
import { actionLabel, auditSearch } from './filters';

interface AuditListProps {
  entries: AuditEntry[];
  compact: boolean;
}

const kindLabels: Record<AuditEntry['actor_kind'], string> = {
  staff: 'Staff',
  customer: 'Customer',
  anonymous: 'Anonymous',
  system: 'System',
};

function Actor({ entry }: { entry: AuditEntry }) {
  // Some entries carry only the actor's ID (no label): show a short form of it.
  const fallback = entry.actor_id ? `${kindLabels[entry.actor_kind] ?? entry.actor_kind} ${entry.actor_id.slice(0, 8)}…` : null;
  const label = entry.actor_label || fallback || kindLabels[entry.actor_kind] || entry.actor_kind;
  return (
    <Stack gap={2} align="flex-start">
      {entry.actor_id ? (
        <Anchor component={Link} to={`?${auditSearch({ actor_id: entry.actor_id }).toString()}`} size="sm" className={classes.breakWord} title="Show only this actor">
          {label}
        </Anchor>
      ) : (
        <Text size="sm">{label}</Text>
      )}
      <Badge variant="default" size="xs">
        {kindLabels[entry.actor_kind] ?? entry.actor_kind}
      </Badge>
    </Stack>
  );
}

function Entity({ entry }: { entry: AuditEntry }) {
  if (!entry.entity_type && !entry.entity_id) {
    return <Text size="sm">—</Text>;
  }
  return (
    <Stack gap={2} align="flex-start">
      <Text size="sm" fw={500}>
        {entry.entity_type}
      </Text>
      <Group gap={4} wrap="nowrap">
        <Anchor
          component={Link}
          to={`?${auditSearch({ entity_type: entry.entity_type, entity_id: entry.entity_id }).toString()}`}
          size="xs"
          ff="monospace"
          className={classes.breakAnywhere}
          title="Show only this entity"
        >
          {entry.entity_id}
        </Anchor>
        {entry.entity_type === 'registration' && entry.entity_id ? (
          <Anchor component={Link} to={`/admin/registrations/${entry.entity_id}`} aria-label="Open the application" title="Open the application">
            <IconExternalLink size={14} aria-hidden />
          </Anchor>
        ) : null}
      </Group>
    </Stack>
  );
}

function Action({ action }: { action: string }) {
  const label = actionLabel(action);
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      {label !== action ? <Code>{action}</Code> : null}
    </Stack>
  );
}

function Json({ title, value }: { title: string; value: unknown }) {
  return (
    <Stack gap={4} miw={0}>
      <Text size="xs" fw={700} tt="uppercase">
        {title}
      </Text>
      {value === null || value === undefined ? (
        <Text size="sm" c="dimmed">
          —
        </Text>
      ) : (
        <Code block className={classes.json}>
          {JSON.stringify(value, null, 2)}
        </Code>
      )}
    </Stack>
  );
}

/** Before and after, side by side (stacked on phones), with the request ID for the server logs. */
function Changes({ entry }: { entry: AuditEntry }) {
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Json title="Before" value={entry.before} />
        <Json title="After" value={entry.after} />
      </SimpleGrid>
      <Text size="xs" c="dimmed" className={classes.breakAnywhere}>
        Request ID {entry.request_id || '—'} · entry {entry.id}
      </Text>
    </Stack>
  );
}

function ToggleButton({ open, onClick, controls }: { open: boolean; onClick: () => void; controls: string }) {
  return (
    <Button
      variant="subtle"
      size="compact-sm"
      onClick={onClick}
      aria-expanded={open}
      aria-controls={controls}
      leftSection={open ? <IconChevronDown size={14} aria-hidden /> : <IconChevronRight size={14} aria-hidden />}
    >
      {open ? 'Hide details' : 'Details'}
    </Button>
  );
}

export function AuditList({ entries, compact }: AuditListProps) {
  const baseId = useId();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const time = (e: AuditEntry): ReactNode => <time dateTime={e.at}>{formatDateTime(e.at)}</time>;

  if (compact) {
    return (
      <Stack gap="sm" component="ul" className={classes.cards} aria-label="Audit entries">
        {entries.map((e) => {
          const detailsId = `${baseId}-${e.id}`;
          return (
            <Card key={e.id} component="li" withBorder padding="sm">
              <Stack gap={8}>
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                  <Action action={e.action} />
                  <Text size="xs" c="dimmed" ta="right">
                    {time(e)}
                  </Text>
                </Group>
                <SimpleGrid cols={2} spacing="xs">
                  <Actor entry={e} />
                  <Entity entry={e} />
                </SimpleGrid>
                <Group justify="space-between">
                  <Text size="xs" c="dimmed">
                    IP {e.ip || '—'}
                  </Text>
                  <ToggleButton open={open.has(e.id)} onClick={() => toggle(e.id)} controls={detailsId} />
                </Group>
                <Collapse expanded={open.has(e.id)} id={detailsId}>
                  <Changes entry={e} />
                </Collapse>
              </Stack>
            </Card>
          );
        })}
      </Stack>
    );
  }

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="sm" aria-label="Audit entries">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Time</Table.Th>
            <Table.Th scope="col">Actor</Table.Th>
            <Table.Th scope="col">Action</Table.Th>
            <Table.Th scope="col">Entity</Table.Th>
            <Table.Th scope="col">IP</Table.Th>
            <Table.Th scope="col">Changes</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => {
            const detailsId = `${baseId}-${e.id}`;
            const isOpen = open.has(e.id);
            return (
              <Fragment key={e.id}>
                <Table.Tr data-audit-id={e.id}>
                  <Table.Td className={classes.nowrap}>
                    <Text size="sm">{time(e)}</Text>
                  </Table.Td>
                  <Table.Td className={classes.nowrap}>
                    <Actor entry={e} />
                  </Table.Td>
                  <Table.Td>
                    <Action action={e.action} />
                  </Table.Td>
                  <Table.Td maw={260}>
                    <Entity entry={e} />
                  </Table.Td>
                  <Table.Td className={classes.nowrap}>{e.ip || '—'}</Table.Td>
                  <Table.Td>
                    <ToggleButton open={isOpen} onClick={() => toggle(e.id)} controls={detailsId} />
                  </Table.Td>
                </Table.Tr>
                <Table.Tr id={detailsId} hidden={!isOpen}>
                  <Table.Td colSpan={6}>{isOpen ? <Changes entry={e} /> : null}</Table.Td>
                </Table.Tr>
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
