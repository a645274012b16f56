import { ActionIcon, Badge, Box, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconBrandVimeo, IconBrandYoutube, IconFileTypePdf, IconTrash, IconVideo } from '@tabler/icons-react';
import { useState } from 'react';
import type { Media } from '../../api/adminCatalog';
import { formatBytes, mediaKindLabels } from './media';
import classes from './products.module.css';

interface MediaItemProps {
  item: Media;
  position: number;
  count: number;
  busy: boolean;
  onMove: (to: number, action: 'up' | 'down') => void;
  onDelete: () => void;
  /** Saves the alt text (images) or title (the rest); resolves to an error message or null. */
  onSaveText: (text: string) => Promise<string | null>;
}

function Preview({ item }: { item: Media }) {
  const src = item.kind === 'image' ? item.thumbnails?.small || item.url : item.kind === 'video' ? item.poster_url : undefined;
  if (src) return <img src={src} alt="" className={classes.mediaThumb} width={56} height={56} loading="lazy" />;
  const Icon = item.kind === 'datasheet' ? IconFileTypePdf : item.kind === 'youtube' ? IconBrandYoutube : item.kind === 'vimeo' ? IconBrandVimeo : IconVideo;
  return (
    <Box className={classes.mediaThumb} aria-hidden>
      <Icon size={24} />
    </Box>
  );
}

/** One picture, video or datasheet: its text, its place in the order, and delete. */
export function MediaItem({ item, position, count, busy, onMove, onDelete, onSaveText }: MediaItemProps) {
  const isImage = item.kind === 'image';
  const saved = (isImage ? item.alt : item.title) ?? '';
  const [text, setText] = useState(saved);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const label = isImage ? 'Alt text' : 'Title';
  const name = `${mediaKindLabels[item.kind].toLowerCase()} ${position}`;

  const save = async () => {
    setSaving(true);
    setError(await onSaveText(text.trim()));
    setSaving(false);
  };

  const details = [
    mediaKindLabels[item.kind],
    item.width && item.height ? `${item.width}×${item.height}` : null,
    item.bytes ? formatBytes(item.bytes) : null,
  ].filter(Boolean);

  return (
    <Group gap="sm" wrap="nowrap" align="flex-start" data-media={item.id}>
      <Preview item={item} />
      <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
        <Group gap={6}>
          <Text size="xs" c="dimmed">
            {position}. {details.join(' · ')}
          </Text>
          {isImage && !saved ? (
            <Badge size="xs" color="orange.9" variant="filled">
              No alt text
            </Badge>
          ) : null}
        </Group>
        <Box
          component="form"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <Group gap={6} wrap="nowrap" align="flex-start">
            <TextInput
              size="xs"
              style={{ flex: 1, minWidth: 0 }}
              aria-label={`${label} of ${name}`}
              placeholder={isImage ? 'What the picture shows' : 'Title'}
              value={text}
              maxLength={isImage ? 300 : 200}
              onChange={(event) => {
                setText(event.currentTarget.value);
                setError(null);
              }}
              error={error}
            />
            {text.trim() !== saved ? (
              <Button type="submit" size="compact-sm" loading={saving} aria-label={`Save ${label.toLowerCase()} of ${name}`}>
                Save
              </Button>
            ) : null}
          </Group>
        </Box>
        <Group gap={4}>
          <ActionIcon
            variant="default"
            aria-label={`Move ${name} up`}
            data-action="up"
            disabled={busy || position === 1}
            onClick={() => onMove(position - 2, 'up')}
          >
            <IconArrowUp size={14} aria-hidden />
          </ActionIcon>
          <ActionIcon
            variant="default"
            aria-label={`Move ${name} down`}
            data-action="down"
            disabled={busy || position === count}
            onClick={() => onMove(position, 'down')}
          >
            <IconArrowDown size={14} aria-hidden />
          </ActionIcon>
          <ActionIcon variant="default" color="red" aria-label={`Delete ${name}`} disabled={busy} onClick={onDelete}>
            <IconTrash size={14} aria-hidden />
          </ActionIcon>
        </Group>
      </Stack>
    </Group>
  );
}
