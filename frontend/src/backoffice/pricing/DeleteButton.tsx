import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { describeError } from '../../api/errors';

/** Deletes after a confirmation; a refusal (e.g. an offer already used) is shown in the dialog. */
export function DeleteButton({ what, onDelete }: { what: string; onDelete: () => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Button variant="default" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => setOpen(true)}>
        Delete
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={`Delete ${what}?`} centered closeButtonProps={{ 'aria-label': 'Keep it' }}>
        <Stack gap="md">
          <Text size="sm">This cannot be undone.</Text>
          {error ? (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setOpen(false)} data-autofocus>
              Keep it
            </Button>
            <Button
              color="red.9"
              loading={busy}
              onClick={() => {
                setBusy(true);
                setError(null);
                onDelete()
                  .catch((e: unknown) => setError(describeError(e)))
                  .finally(() => setBusy(false));
              }}
            >
              Delete
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
