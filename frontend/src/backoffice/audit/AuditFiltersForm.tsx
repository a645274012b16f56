import { Autocomplete, Box, Button, Group, SimpleGrid, TextInput } from '@mantine/core';
import { IconFilter, IconX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { knownAuditActions, knownEntityTypes, type AuditFilters } from '../../api/audit';
import { hasAuditFilters } from './filters';

interface AuditFiltersFormProps {
  filters: AuditFilters;
  onApply: (filters: AuditFilters) => void;
  errors: Partial<Record<keyof AuditFilters, string>>;
}

/** Action, entity and actor filters; applied with Enter or the button, kept in the URL. */
export function AuditFiltersForm({ filters, onApply, errors }: AuditFiltersFormProps) {
  const [draft, setDraft] = useState(filters);
  // The URL changed from outside (Back, a link in the list): show what it says.
  useEffect(() => setDraft(filters), [filters]);

  const set = (name: keyof AuditFilters) => (value: string) => setDraft((d) => ({ ...d, [name]: value }));

  return (
    <Box
      component="form"
      role="search"
      aria-label="Filter the audit log"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(draft);
      }}
    >
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
        <Autocomplete
          label="Action"
          placeholder="e.g. auth.login.failed"
          data={knownAuditActions}
          value={draft.action}
          onChange={set('action')}
          error={errors.action}
          spellCheck={false}
          autoCapitalize="none"
        />
        <Autocomplete
          label="Entity type"
          placeholder="e.g. registration"
          data={knownEntityTypes}
          value={draft.entity_type}
          onChange={set('entity_type')}
          error={errors.entity_type}
          spellCheck={false}
          autoCapitalize="none"
        />
        <TextInput
          label="Entity ID"
          value={draft.entity_id}
          onChange={(e) => set('entity_id')(e.currentTarget.value)}
          error={errors.entity_id}
          spellCheck={false}
          autoComplete="off"
        />
        <TextInput
          label="Actor ID"
          value={draft.actor_id}
          onChange={(e) => set('actor_id')(e.currentTarget.value)}
          error={errors.actor_id}
          spellCheck={false}
          autoComplete="off"
        />
      </SimpleGrid>
      <Group gap="xs" mt="sm">
        <Button type="submit" leftSection={<IconFilter size={16} aria-hidden />}>
          Apply filters
        </Button>
        {hasAuditFilters(filters) ? (
          <Button
            variant="default"
            leftSection={<IconX size={16} aria-hidden />}
            onClick={() => onApply({ action: '', entity_type: '', entity_id: '', actor_id: '' })}
          >
            Clear
          </Button>
        ) : null}
      </Group>
    </Box>
  );
}
