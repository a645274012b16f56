import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconBookmarkPlus, IconTrash } from '@tabler/icons-react';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { queueViews, type QueueFilters } from '../../api/adminOrders';
import { defaultFilters, filterSearch, sameFilters } from './filters';
import { viewLabels } from './labels';
import { maxViewName, viewFilters, viewNameError, type SavedView } from './savedViews';

interface ViewBarProps {
  filters: QueueFilters;
  views: SavedView[];
  onSave: (name: string) => void;
  onDelete: (name: string) => void;
}

function href(filters: QueueFilters): string {
  const search = filterSearch(filters).toString();
  return search ? `?${search}` : '?';
}

/**
 * The queue's views as links (each one a shareable URL): the built-in ones,
 * then the staff member's own, and "Save view" for the current filters.
 */
export function ViewBar({ filters, views, onSave, onDelete }: ViewBarProps) {
  const mineId = useId();
  const activeMine = views.find((v) => sameFilters(viewFilters(v), filters));

  return (
    <Stack gap="xs">
      <Group gap="xs" component="nav" aria-label="Views" wrap="wrap">
        {queueViews.map((view) => {
          const active = !activeMine && filters.view === view;
          return (
            <Button
              key={view}
              component={Link}
              to={href({ ...defaultFilters, view })}
              replace
              size="compact-md"
              variant={active ? 'filled' : 'default'}
              aria-current={active ? 'page' : undefined}
            >
              {viewLabels[view]}
            </Button>
          );
        })}
      </Group>
      <Group gap="xs" wrap="wrap" align="center">
        <Text size="sm" fw={500} id={mineId}>
          My views
        </Text>
        {views.length === 0 ? (
          <Text size="sm" c="dimmed">
            None yet: filter the queue, then save the filters as a view.
          </Text>
        ) : (
          <Group gap={6} component="ul" aria-labelledby={mineId} wrap="wrap" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {views.map((view) => {
              const active = view === activeMine;
              return (
                <Group key={view.name} component="li" gap={0} wrap="nowrap">
                  <Button
                    component={Link}
                    to={href(viewFilters(view))}
                    replace
                    size="compact-sm"
                    variant={active ? 'filled' : 'light'}
                    aria-current={active ? 'page' : undefined}
                    style={{ borderTopRightRadius: 0, borderBottomRightRadius: 0 }}
                  >
                    {view.name}
                  </Button>
                  <ActionIcon
                    variant={active ? 'filled' : 'light'}
                    size={26}
                    aria-label={`Delete view “${view.name}”`}
                    title="Delete this view"
                    onClick={() => onDelete(view.name)}
                    style={{ borderTopLeftRadius: 0, borderBottomLeftRadius: 0 }}
                  >
                    <IconTrash size={14} aria-hidden />
                  </ActionIcon>
                </Group>
              );
            })}
          </Group>
        )}
        <SaveViewButton views={views} disabled={Boolean(activeMine)} onSave={onSave} />
      </Group>
    </Stack>
  );
}

function SaveViewButton({ views, disabled, onSave }: { views: SavedView[]; disabled: boolean; onSave: (name: string) => void }) {
  const [opened, setOpened] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    setOpened(false);
    setName('');
    setError(null);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = viewNameError(name, views);
    if (problem) {
      setError(problem);
      return;
    }
    onSave(name.trim());
    close();
  };

  if (!opened) {
    return (
      <Button
        size="compact-sm"
        variant="subtle"
        leftSection={<IconBookmarkPlus size={16} aria-hidden />}
        onClick={() => setOpened(true)}
        disabled={disabled}
        title={disabled ? 'These filters are already a view' : undefined}
      >
        Save view
      </Button>
    );
  }
  return (
    <form onSubmit={submit} noValidate aria-label="Save these filters as a view">
      <Group gap="xs" align="flex-start" wrap="wrap">
        <TextInput
          aria-label="View name"
          placeholder="View name"
          size="xs"
          value={name}
          onChange={(event) => {
            setName(event.currentTarget.value);
            setError(null);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') close();
          }}
          maxLength={maxViewName + 10}
          error={error}
          autoFocus
          w={200}
        />
        <Button type="submit" size="xs">
          Save
        </Button>
        <Button variant="default" size="xs" onClick={close}>
          Cancel
        </Button>
      </Group>
    </form>
  );
}
