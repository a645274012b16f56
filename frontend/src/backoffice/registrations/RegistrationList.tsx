import { Anchor, Card, Group, Stack, Table, Text } from '@mantine/core';
import type { MouseEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Application } from '../../api/registrations';
import { formatDateTime } from '../../format';
import classes from '../lists.module.css';
import { FlagBadges, RegistrationStatusBadge } from './Badges';
import { customerTypeLabels } from './labels';

interface RegistrationListProps {
  applications: Application[];
  /** Stacked cards instead of a table (phones). */
  compact: boolean;
  /** Show each application's status (the "All" view). */
  withStatus: boolean;
}

export function detailPath(id: string): string {
  return `/admin/registrations/${id}`;
}

/** A click anywhere on a row opens the application; the name is the keyboard's way in. */
function useOpenOnClick() {
  const navigate = useNavigate();
  return (id: string) => (event: MouseEvent<HTMLElement>) => {
    if ((event.target as HTMLElement).closest('a, button')) return;
    void navigate(detailPath(id));
  };
}

function NameLink({ application }: { application: Application }) {
  return (
    <Anchor component={Link} to={detailPath(application.id)} fw={600} size="sm">
      {application.company?.legal_name || application.name}
    </Anchor>
  );
}

/** For a business the company leads; the person applying is the second line. */
function subtitle(a: Application): string | null {
  return a.company?.legal_name ? a.name : null;
}

export function RegistrationList({ applications, compact, withStatus }: RegistrationListProps) {
  const open = useOpenOnClick();

  if (compact) {
    return (
      <Stack gap="sm" component="ul" className={classes.cards} aria-label="Applications">
        {applications.map((a) => (
          <Card key={a.id} component="li" withBorder padding="sm" className={classes.clickable} onClick={open(a.id)}>
            <Stack gap={6}>
              <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                <Stack gap={0} miw={0}>
                  <NameLink application={a} />
                  {subtitle(a) ? (
                    <Text size="sm" c="dimmed">
                      {subtitle(a)}
                    </Text>
                  ) : null}
                </Stack>
                {withStatus ? <RegistrationStatusBadge status={a.status} /> : null}
              </Group>
              <Text size="sm" className={classes.breakAnywhere}>
                {customerTypeLabels[a.type] ?? a.type} · {a.email}
              </Text>
              <FlagBadges flags={a.flags} none="No risk flags" />
              <Text size="sm" c="dimmed">
                Applied <time dateTime={a.created_at}>{formatDateTime(a.created_at)}</time>
              </Text>
            </Stack>
          </Card>
        ))}
      </Stack>
    );
  }

  return (
    <Table.ScrollContainer minWidth={820}>
      <Table highlightOnHover verticalSpacing="sm" aria-label="Applications">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col">Type</Table.Th>
            <Table.Th scope="col">Email</Table.Th>
            <Table.Th scope="col">Flags</Table.Th>
            {withStatus ? <Table.Th scope="col">Status</Table.Th> : null}
            <Table.Th scope="col">Applied</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {applications.map((a) => (
            <Table.Tr key={a.id} className={classes.clickable} onClick={open(a.id)} data-application-id={a.id}>
              <Table.Td>
                <Stack gap={0}>
                  <NameLink application={a} />
                  {subtitle(a) ? (
                    <Text size="xs" c="dimmed">
                      {subtitle(a)}
                    </Text>
                  ) : null}
                </Stack>
              </Table.Td>
              <Table.Td>{customerTypeLabels[a.type] ?? a.type}</Table.Td>
              <Table.Td className={classes.breakAnywhere}>{a.email}</Table.Td>
              <Table.Td>
                <FlagBadges flags={a.flags} />
              </Table.Td>
              {withStatus ? (
                <Table.Td>
                  <RegistrationStatusBadge status={a.status} />
                </Table.Td>
              ) : null}
              <Table.Td className={classes.nowrap}>
                <time dateTime={a.created_at}>{formatDateTime(a.created_at)}</time>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
