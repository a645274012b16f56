import { Box, Group, Input, NativeSelect, SegmentedControl, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useId, useRef, useState } from 'react';
import { messageStatuses, type MessageFilters } from '../../api/messages';
import { channelLabels, statusStyles } from './status';

/** How long the recipient box waits after the last keystroke before it filters. */
export const recipientDebounceMs = 400;

interface MessageFiltersBarProps {
  filters: MessageFilters;
  onChange: (patch: Partial<MessageFilters>) => void;
  /** Errors the API reported for a filter (422), by filter name. */
  errors: Partial<Record<keyof MessageFilters, string>>;
}

const channelOptions = [
  { value: '', label: 'All' },
  { value: 'sms', label: channelLabels.sms },
  { value: 'email', label: channelLabels.email },
];

const statusOptions = [
  { value: '', label: 'Any status' },
  ...messageStatuses.map((s) => ({ value: s, label: statusStyles[s].label })),
];

export function MessageFiltersBar({ filters, onChange, errors }: MessageFiltersBarProps) {
  const channelLabelId = useId();
  const [recipient, setRecipient] = useState(filters.to);
  const [debounced] = useDebouncedValue(recipient.trim(), recipientDebounceMs);
  // What this box last wrote to the URL, to tell our own writes from outside
  // changes (Back button, a link) that must replace what is in the box.
  const written = useRef(filters.to);

  const commit = (value: string) => {
    if (value !== written.current) {
      written.current = value;
      onChange({ to: value });
    }
  };

  const commitRef = useRef(commit);
  commitRef.current = commit;
  useEffect(() => {
    commitRef.current(debounced);
  }, [debounced]);

  useEffect(() => {
    if (filters.to !== written.current) {
      written.current = filters.to;
      setRecipient(filters.to);
    }
  }, [filters.to]);

  return (
    <Box
      component="form"
      role="search"
      aria-label="Filter messages"
      onSubmit={(event) => {
        event.preventDefault();
        commit(recipient.trim()); // Enter filters at once
      }}
    >
      <Group align="flex-start" gap="md" wrap="wrap">
        <Stack gap={4}>
          <Input.Label id={channelLabelId} labelElement="div">
            Channel
          </Input.Label>
          <SegmentedControl
            aria-labelledby={channelLabelId}
            data={channelOptions}
            value={filters.channel ?? ''}
            onChange={(value) => onChange({ channel: (value || null) as MessageFilters['channel'] })}
          />
        </Stack>
        <NativeSelect
          label="Status"
          data={statusOptions}
          value={filters.status ?? ''}
          onChange={(event) => onChange({ status: (event.currentTarget.value || null) as MessageFilters['status'] })}
          error={errors.status}
          miw={150}
          maw={{ base: 'none', xs: 200 }}
          style={{ flex: '1 1 150px' }}
        />
        <TextInput
          label="Recipient"
          type="search"
          placeholder="Phone number or email"
          value={recipient}
          onChange={(event) => setRecipient(event.currentTarget.value)}
          leftSection={<IconSearch size={16} aria-hidden />}
          autoComplete="off"
          spellCheck={false}
          error={errors.to}
          w={{ base: '100%', xs: 300 }}
        />
      </Group>
    </Box>
  );
}
