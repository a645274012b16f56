import { Alert, Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../api/errors';
import classes from '../lists.module.css';
import { validityDescriptions, validityLabels, type Validity } from './validity';

// Filled shade 9 keeps white text at AA contrast in both schemes.
const colors: Record<Validity, string> = { scheduled: 'indigo.9', live: 'teal.9', ended: 'gray.7', inactive: 'orange.9' };

export function ValidityBadge({ status }: { status: Validity }) {
  return (
    <Badge color={colors[status]} variant="filled" className={classes.badge} title={validityDescriptions[status]} data-status={status}>
      {validityLabels[status]}
    </Badge>
  );
}

export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Anchor component={Link} to={to} size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={16} aria-hidden />
        {children}
      </Group>
    </Anchor>
  );
}

export function LoadError({ title, error, onRetry }: { title: string; error: unknown; onRetry: () => void }) {
  return (
    <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title={title}>
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{describeError(error)}</Text>
        <Button size="xs" color="red" leftSection={<IconRefresh size={16} aria-hidden />} onClick={onRetry}>
          Try again
        </Button>
      </Stack>
    </Alert>
  );
}

/** Shown on a 409 for a stale version: the edits stay, reloading brings the current record. */
export function StaleAlert({ what, onReload, reloading }: { what: string; onReload: () => void; reloading: boolean }) {
  return (
    <Alert color="orange" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title={`Someone else changed this ${what}`}>
      <Stack gap="sm" align="flex-start">
        <Text size="sm">
          It was saved by someone else after you opened it, so your changes were not saved. Reload to get the current
          version: your edits stay in the form, so you can check them and save again.
        </Text>
        <Button size="xs" color="orange.9" leftSection={<IconRefresh size={16} aria-hidden />} onClick={onReload} loading={reloading}>
          Reload, keeping my edits
        </Button>
      </Stack>
    </Alert>
  );
}
