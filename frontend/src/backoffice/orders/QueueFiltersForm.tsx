import { Box, Button, Chip, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch, IconX } from '@tabler/icons-react';
import { useId } from 'react';
import { orderChannels, orderPriorities, orderStatuses, type OrderStatus, type QueueFilters } from '../../api/adminOrders';
import { DebouncedInput } from './DebouncedInput';
import { dateRangeError, hasRefinements, validDate } from './filters';
import { channelLabels, orderStatusStyles, priorityStyles } from './labels';

interface QueueFiltersFormProps {
  filters: QueueFilters;
  onChange: (patch: Partial<QueueFilters>) => void;
  /** Errors the API reported for a filter (422), by API field name. */
  errors: Record<string, string>;
}

const priorityOptions = [{ value: '', label: 'Any priority' }, ...orderPriorities.map((p) => ({ value: p, label: priorityStyles[p].label }))];
const channelOptions = [{ value: '', label: 'Any channel' }, ...orderChannels.map((c) => ({ value: c, label: channelLabels[c] }))];

/** The queue's filters; every change goes to the URL at once (text after a pause). */
export function QueueFiltersForm({ filters, onChange, errors }: QueueFiltersFormProps) {
  const statusLegendId = useId();
  const rangeError = dateRangeError(filters);
  const statusHint =
    filters.status.length > 0
      ? null
      : filters.view === 'open'
        ? 'None chosen: the open ones (placed, confirmed, processing, shipped).'
        : 'None chosen: any status.';

  return (
    <Box component="form" role="search" aria-label="Filter orders" onSubmit={(event) => event.preventDefault()}>
      <Stack gap="sm">
        <Stack gap={4} role="group" aria-labelledby={statusLegendId}>
          <Text size="sm" fw={500} id={statusLegendId}>
            Status
          </Text>
          <Chip.Group
            multiple
            value={filters.status}
            onChange={(value) => onChange({ status: orderStatuses.filter((s) => value.includes(s)) as OrderStatus[] })}
          >
            <Group gap={6}>
              {orderStatuses.map((s) => (
                <Chip key={s} value={s} size="sm" variant="outline">
                  {orderStatusStyles[s].label}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          {errors.status ? (
            <Text size="sm" c="var(--mantine-color-error)">
              {errors.status}
            </Text>
          ) : statusHint ? (
            <Text size="xs" c="dimmed">
              {statusHint}
            </Text>
          ) : null}
        </Stack>

        <Group align="flex-start" gap="sm" wrap="wrap">
          <DebouncedInput
            label="Reference"
            type="search"
            placeholder="ORD-7K3F…"
            value={filters.q}
            onCommit={(q) => onChange({ q })}
            leftSection={<IconSearch size={16} aria-hidden />}
            autoComplete="off"
            spellCheck={false}
            error={errors.q}
            w={{ base: '100%', xs: 160 }}
          />
          <DebouncedInput
            label="Customer"
            placeholder="Login ID or email"
            value={filters.customer}
            onCommit={(customer) => onChange({ customer })}
            autoComplete="off"
            spellCheck={false}
            error={errors.customer}
            w={{ base: '100%', xs: 190 }}
          />
          <NativeSelect
            label="Priority"
            data={priorityOptions}
            value={filters.priority}
            onChange={(event) => onChange({ priority: event.currentTarget.value as QueueFilters['priority'] })}
            error={errors.priority}
            w={{ base: 'calc(50% - var(--mantine-spacing-sm) / 2)', xs: 135 }}
          />
          <NativeSelect
            label="Channel"
            data={channelOptions}
            value={filters.channel}
            onChange={(event) => onChange({ channel: event.currentTarget.value as QueueFilters['channel'] })}
            error={errors.channel}
            w={{ base: 'calc(50% - var(--mantine-spacing-sm) / 2)', xs: 135 }}
          />
          <TextInput
            label="Placed from"
            type="date"
            value={filters.placedFrom}
            onChange={(event) => onChange({ placedFrom: validDate(event.currentTarget.value) })}
            error={errors.placed_from ?? rangeError}
            w={{ base: 'calc(50% - var(--mantine-spacing-sm) / 2)', xs: 145 }}
          />
          <TextInput
            label="Placed to"
            type="date"
            value={filters.placedTo}
            onChange={(event) => onChange({ placedTo: validDate(event.currentTarget.value) })}
            error={errors.placed_to}
            w={{ base: 'calc(50% - var(--mantine-spacing-sm) / 2)', xs: 145 }}
          />
          {hasRefinements(filters) ? (
            <Button
              variant="subtle"
              mt={{ base: 0, xs: 25 }}
              leftSection={<IconX size={16} aria-hidden />}
              onClick={() =>
                onChange({ status: [], priority: '', channel: '', customer: '', placedFrom: '', placedTo: '', q: '' })
              }
            >
              Clear filters
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Box>
  );
}
