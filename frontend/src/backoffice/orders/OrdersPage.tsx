import { Alert, Badge, Button, Collapse, EmptyState, Group, Loader, Skeleton, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useDocumentTitle, useMediaQuery } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconAlertTriangle, IconChecks, IconDownload, IconPlus, IconReceiptOff, IconRefresh } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  adminOrdersKey,
  bulkOrderStatus,
  fetchOrdersCsv,
  orderQueueQuery,
  type BulkStatusResult,
  type QueueFilters,
} from '../../api/adminOrders';
import { ApiError, describeError, fieldErrors } from '../../api/errors';
import { hasAnyRole } from '../../auth/roles';
import { useSession } from '../../auth/session';
import { saveBlob } from '../../saveBlob';
import { orderEntryRoles } from './access';
import { BulkResults } from './BulkResults';
import { dateRangeError, filterSearch, hasRefinements, readFilters, refinementCount } from './filters';
import { today } from './format';
import { canConfirm, OrderList } from './OrderList';
import { QueueFiltersForm } from './QueueFiltersForm';
import { deleteView, loadViews, saveView, type SavedView } from './savedViews';
import { ViewBar } from './ViewBar';

const filterLabels = {
  status: 'Status',
  priority: 'Priority',
  channel: 'Channel',
  customer: 'Customer',
  placed_from: 'Placed from',
  placed_to: 'Placed to',
  q: 'Reference',
  view: 'View',
};

/**
 * `/admin/orders`: the order queue, urgent first and then oldest (as the
 * server sorts it). Filters and the view live in the URL; staff save their
 * own views; orders waiting for confirmation can be confirmed in bulk.
 */
export function OrdersPage() {
  useDocumentTitle('Orders · OMS Back office');
  const session = useSession();
  const userId = session?.me.id ?? '';
  const canEnter = hasAnyRole(session?.me, orderEntryRoles);
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const filters = useMemo(() => readFilters(new URLSearchParams(search)), [search]);
  const compact = useMediaQuery('(max-width: 61.99em)', false, { getInitialValueInEffect: false });

  // On phones the filters fold away behind a button that counts the active ones.
  const [filtersOpen, setFiltersOpen] = useState(false);
  const filtersId = useId();
  const refinements = refinementCount(filters);
  const [views, setViews] = useState<SavedView[]>(() => loadViews(userId));
  useEffect(() => setViews(loadViews(userId)), [userId]);

  // A range that selects nothing is not sent: the filter says why instead.
  const rangeError = dateRangeError(filters);
  const list = useInfiniteQuery({ ...orderQueueQuery(filters), enabled: !rangeError });
  const orders = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);

  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [results, setResults] = useState<BulkStatusResult[] | null>(null);
  // Another filter set is another list: what was selected is not on it.
  useEffect(() => setSelected(new Set()), [search]);

  const update = (patch: Partial<QueueFilters>) => {
    // Filters replace the history entry: Back leaves the page rather than undoing each change.
    setParams(filterSearch({ ...filters, ...patch }), { replace: true });
  };

  const confirm = useMutation({
    mutationFn: (references: string[]) => bulkOrderStatus({ references, status: 'confirmed', note: '' }),
    onSuccess: (answer) => {
      setResults(answer.results);
      setSelected(new Set(answer.results.filter((r) => !r.ok).map((r) => r.reference)));
      void queryClient.invalidateQueries({ queryKey: adminOrdersKey });
    },
  });

  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    try {
      saveBlob(await fetchOrdersCsv(filters), `orders-${today()}.csv`);
    } catch (error) {
      setExportError(describeError(error));
    } finally {
      setExporting(false);
    }
  };

  const rejected = list.error instanceof ApiError && list.error.status === 422;
  const filterErrors = rejected ? fieldErrors(list.error, filterLabels) : {};
  const selectable = orders.some(canConfirm);
  const chosen = orders.filter((o) => selected.has(o.reference) && canConfirm(o)).map((o) => o.reference);

  const toggle = (reference: string, checked: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (checked) next.add(reference);
      else next.delete(reference);
      return next;
    });
  const toggleAll = (checked: boolean) => setSelected(checked ? new Set(orders.filter(canConfirm).map((o) => o.reference)) : new Set());

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4}>
          <Title order={1}>Orders</Title>
          <Text>Urgent orders first, then the oldest. Open an order to move it along, ship it or handle a return.</Text>
        </Stack>
        <Group gap="xs">
          <Button
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden />}
            onClick={() => void exportCsv()}
            loading={exporting}
            disabled={Boolean(rangeError)}
          >
            Export CSV
          </Button>
          {canEnter ? (
            <Button component={Link} to="/admin/orders/new" leftSection={<IconPlus size={16} aria-hidden />}>
              New order
            </Button>
          ) : null}
        </Group>
      </Group>

      {exportError ? (
        <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Could not export the orders" withCloseButton onClose={() => setExportError(null)} closeButtonLabel="Dismiss">
          {exportError}
        </Alert>
      ) : null}

      <ViewBar
        filters={filters}
        views={views}
        onSave={(name) => setViews((prev) => saveView(userId, prev, name, filters))}
        onDelete={(name) => setViews((prev) => deleteView(userId, prev, name))}
      />

      {compact ? (
        <Stack gap="xs">
          <Group>
            <Button
              variant="default"
              leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}
              rightSection={
                refinements > 0 ? (
                  <Badge size="sm" circle>
                    {refinements}
                    <VisuallyHidden> active</VisuallyHidden>
                  </Badge>
                ) : null
              }
              aria-expanded={filtersOpen}
              aria-controls={filtersId}
              onClick={() => setFiltersOpen((open) => !open)}
            >
              Filters
            </Button>
          </Group>
          <Collapse expanded={filtersOpen || Object.keys(filterErrors).length > 0 || Boolean(rangeError)} id={filtersId}>
            <QueueFiltersForm filters={filters} onChange={update} errors={filterErrors} />
          </Collapse>
        </Stack>
      ) : (
        <QueueFiltersForm filters={filters} onChange={update} errors={filterErrors} />
      )}

      {results ? <BulkResults results={results} onClose={() => setResults(null)} /> : null}

      {selectable ? (
        <Group gap="sm" wrap="wrap" aria-label="Bulk actions" role="group">
          <Button
            leftSection={<IconChecks size={16} aria-hidden />}
            disabled={chosen.length === 0}
            loading={confirm.isPending}
            onClick={() => {
              setResults(null);
              confirm.mutate(chosen);
            }}
          >
            Confirm selected{chosen.length > 0 ? ` (${chosen.length})` : ''}
          </Button>
          <Text size="sm" c="dimmed" aria-live="polite">
            {chosen.length === 0 ? 'Select placed orders to confirm them together.' : `${chosen.length} selected`}
          </Text>
          {chosen.length > 0 ? (
            <Button variant="subtle" size="compact-sm" onClick={() => setSelected(new Set())}>
              Clear selection
            </Button>
          ) : null}
        </Group>
      ) : null}

      {confirm.isError ? (
        <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Could not confirm the orders">
          {describeError(confirm.error)}
        </Alert>
      ) : null}

      <Stack gap="sm" aria-busy={list.isPending || list.isPlaceholderData}>
        {list.isError && !rejected ? (
          <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Could not load the orders">
            <Stack gap="sm" align="flex-start">
              <Text size="sm">{describeError(list.error)}</Text>
              <Button
                size="xs"
                color="red"
                leftSection={<IconRefresh size={16} aria-hidden />}
                onClick={() => void list.refetch()}
                loading={list.isFetching}
              >
                Try again
              </Button>
            </Stack>
          </Alert>
        ) : null}

        {list.isPending && !rangeError ? (
          <Stack gap="xs" role="status" aria-label="Loading orders">
            {Array.from({ length: 6 }, (_, i) => (
              <Skeleton key={i} height={44} />
            ))}
          </Stack>
        ) : null}

        {rejected || rangeError ? (
          <Text c="dimmed">No orders to show: correct the highlighted filter.</Text>
        ) : list.data && orders.length === 0 ? (
          <EmptyState
            icon={<IconReceiptOff aria-hidden />}
            title={hasRefinements(filters) ? 'No orders match these filters' : 'No orders here'}
            description={
              hasRefinements(filters)
                ? 'Check the reference or customer, widen the dates, or clear the filters.'
                : 'Nothing is waiting in this view right now.'
            }
            withIndicatorBackground
          />
        ) : null}

        {!rejected && !rangeError && orders.length > 0 ? (
          <>
            <OrderList
              orders={orders}
              compact={compact}
              selectable={selectable}
              selected={selected}
              onToggle={toggle}
              onToggleAll={toggleAll}
            />
            <Group justify="space-between" gap="sm">
              <Group gap="xs" wrap="nowrap">
                <Text size="sm" c="dimmed">
                  {orders.length} {orders.length === 1 ? 'order' : 'orders'}
                  {list.hasNextPage ? ' so far' : ''}
                </Text>
                {list.isFetching && !list.isFetchingNextPage ? <Loader size={14} aria-hidden /> : null}
              </Group>
              {list.hasNextPage ? (
                <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                  Load more
                </Button>
              ) : null}
            </Group>
          </>
        ) : null}
      </Stack>
    </Stack>
  );
}
