import { Button, FileButton, Stack, Text } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useState, type DragEvent } from 'react';
import classes from './products.module.css';

interface DropZoneProps {
  accept: string;
  hint: string;
  onFiles: (files: File[]) => void;
  disabled?: boolean;
}

/**
 * Drop files here, or choose them with the button (the keyboard's and screen
 * readers' way in: a real file input behind it).
 */
export function DropZone({ accept, hint, onFiles, disabled = false }: DropZoneProps) {
  const [over, setOver] = useState(false);
  const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes('Files');
  return (
    <Stack
      className={classes.dropzone}
      data-over={over || undefined}
      align="center"
      gap="xs"
      onDragEnter={(event) => {
        if (!hasFiles(event) || disabled) return;
        event.preventDefault();
        setOver(true);
      }}
      onDragOver={(event) => {
        if (!hasFiles(event) || disabled) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        if (!disabled && event.dataTransfer.files.length > 0) onFiles(Array.from(event.dataTransfer.files));
      }}
    >
      <IconUpload size={28} aria-hidden className={classes.dropIcon} />
      <Text size="sm" ta="center">
        {over ? 'Drop to upload' : 'Drag files here, or'}
      </Text>
      <FileButton onChange={(files) => files.length > 0 && onFiles(files)} accept={accept} multiple disabled={disabled}>
        {(props) => (
          <Button variant="default" size="compact-sm" {...props}>
            Choose files
          </Button>
        )}
      </FileButton>
      <Text size="xs" c="dimmed" ta="center">
        {hint}
      </Text>
    </Stack>
  );
}
