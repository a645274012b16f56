import { ActionIcon, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, VisuallyHidden } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useId, useRef, useState } from 'react';
import { newSpecRow, type ProductValues } from './productForm';

interface SpecEditorProps {
  form: UseFormReturnType<ProductValues>;
  disabled?: boolean;
}

type Action = 'up' | 'down' | 'remove';

/**
 * Specification rows (group / name / value / unit) in order: add, remove and
 * move with buttons, so the keyboard can do everything. The focus stays on
 * the moved row's button, and a live region says where the row went.
 */
export function SpecEditor({ form, disabled = false }: SpecEditorProps) {
  const rows = form.values.specs;
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const [announcement, setAnnouncement] = useState('');
  const focusNext = useRef<{ key: string; target: Action | 'group' } | null>(null);
  const root = useRef<HTMLDivElement>(null);
  // Suggest the groups already used: a native datalist is light enough for hundreds of rows.
  const groups = [...new Set(rows.map((r) => r.group.trim()).filter(Boolean))];
  const groupList = useId();

  useEffect(() => {
    const next = focusNext.current;
    if (!next) return;
    focusNext.current = null;
    const row = root.current?.querySelector<HTMLElement>(`[data-row="${next.key}"]`);
    // A row moved to the top or bottom has that button disabled: its other move button takes the focus.
    const order = next.target === 'up' ? ['up', 'down'] : next.target === 'down' ? ['down', 'up'] : [next.target];
    for (const action of order) {
      const button = row?.querySelector<HTMLElement>(`[data-action="${action}"]:not(:disabled)`);
      if (button) {
        button.focus();
        return;
      }
    }
  });

  const add = () => {
    const row = newSpecRow({ group: rows.at(-1)?.group ?? '' });
    form.insertListItem('specs', row);
    focusNext.current = { key: row.key, target: 'group' };
    setAnnouncement(`Row ${rows.length + 1} added.`);
  };

  const move = (index: number, to: number, action: Action) => {
    const row = rows[index];
    if (!row || to < 0 || to >= rows.length) return;
    form.reorderListItem('specs', { from: index, to });
    focusNext.current = { key: row.key, target: action };
    setAnnouncement(`${row.name || 'Row'} moved to position ${to + 1} of ${rows.length}.`);
  };

  const remove = (index: number) => {
    const row = rows[index];
    const neighbour = rows[index + 1] ?? rows[index - 1];
    form.removeListItem('specs', index);
    focusNext.current = neighbour ? { key: neighbour.key, target: 'remove' } : null;
    setAnnouncement(`${row?.name || 'Row'} removed.`);
    if (!neighbour) requestAnimationFrame(() => root.current?.querySelector<HTMLElement>('[data-action="add"]')?.focus());
  };

  return (
    <Stack gap="xs" ref={root}>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          No specifications yet. Add rows like “Electrical / Voltage / 230 / V”; customers compare products by them.
        </Text>
      ) : null}
      {wide && rows.length > 0 ? (
        <Group gap="xs" wrap="nowrap" aria-hidden>
          <SimpleGrid cols={4} spacing="xs" style={{ flex: 1 }}>
            {['Group', 'Name', 'Value', 'Unit'].map((h) => (
              <Text key={h} size="sm" fw={600}>
                {h}
              </Text>
            ))}
          </SimpleGrid>
          <div style={{ width: 104 }} />
        </Group>
      ) : null}
      <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Specifications">
        {rows.map((row, i) => {
          const n = i + 1;
          const label = (what: string) => (wide ? undefined : what);
          const aria = (what: string) => `${what}, row ${n}`;
          return (
            <Paper key={row.key} component="li" data-row={row.key} withBorder={!wide} p={wide ? 0 : 'xs'}>
              <Group gap="xs" wrap={wide ? 'nowrap' : 'wrap'} align="flex-start">
                <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" verticalSpacing="xs" style={{ flex: wide ? 1 : '1 1 100%', minWidth: 0 }}>
                  <TextInput
                    label={label('Group')}
                    aria-label={aria('Group')}
                    list={groupList}
                    autoComplete="off"
                    placeholder="Electrical"
                    disabled={disabled}
                    data-action="group"
                    {...form.getInputProps(`specs.${i}.group`)}
                  />
                  <TextInput
                    label={label('Name')}
                    aria-label={aria('Name')}
                    placeholder="Voltage"
                    disabled={disabled}
                    {...form.getInputProps(`specs.${i}.name`)}
                  />
                  <TextInput
                    label={label('Value')}
                    aria-label={aria('Value')}
                    placeholder="230"
                    disabled={disabled}
                    {...form.getInputProps(`specs.${i}.value`)}
                  />
                  <TextInput
                    label={label('Unit')}
                    aria-label={aria('Unit')}
                    placeholder="V"
                    disabled={disabled}
                    {...form.getInputProps(`specs.${i}.unit`)}
                  />
                </SimpleGrid>
                {/* On phones the row's buttons go under its inputs, at the right. */}
                <Group gap={4} wrap="nowrap" mt={wide ? 4 : 0} ml="auto">
                  <ActionIcon
                    variant="default"
                    size="lg"
                    aria-label={`Move row ${n} up`}
                    data-action="up"
                    disabled={disabled || i === 0}
                    onClick={() => move(i, i - 1, 'up')}
                  >
                    <IconArrowUp size={16} aria-hidden />
                  </ActionIcon>
                  <ActionIcon
                    variant="default"
                    size="lg"
                    aria-label={`Move row ${n} down`}
                    data-action="down"
                    disabled={disabled || i === rows.length - 1}
                    onClick={() => move(i, i + 1, 'down')}
                  >
                    <IconArrowDown size={16} aria-hidden />
                  </ActionIcon>
                  <ActionIcon
                    variant="default"
                    size="lg"
                    color="red"
                    aria-label={`Remove row ${n}`}
                    data-action="remove"
                    disabled={disabled}
                    onClick={() => remove(i)}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
              </Group>
            </Paper>
          );
        })}
      </Stack>
      {!disabled ? (
        <Group>
          <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={add} data-action="add">
            Add row
          </Button>
        </Group>
      ) : null}
      <datalist id={groupList}>
        {groups.map((g) => (
          <option key={g} value={g} />
        ))}
      </datalist>
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
    </Stack>
  );
}
