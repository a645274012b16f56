import { Badge, Skeleton } from '@mantine/core';
import classes from '../lists.module.css';
import { statusDescriptions, statusLabels, type CatalogStatus } from './status';

// Filled shade 9 keeps white text at AA contrast in both schemes.
const colors: Record<CatalogStatus, string> = { scheduled: 'indigo.9', live: 'teal.9', ended: 'gray.7', inactive: 'orange.9' };

/** The catalog's standing today; a placeholder while it is not known yet. */
export function CatalogStatusBadge({ status }: { status: CatalogStatus | undefined }) {
  if (!status) {
    return <Skeleton height={20} width={64} radius="xl" aria-label="Status loading" role="status" />;
  }
  return (
    <Badge color={colors[status]} variant="filled" className={classes.badge} title={statusDescriptions[status]} data-status={status}>
      {statusLabels[status]}
    </Badge>
  );
}
