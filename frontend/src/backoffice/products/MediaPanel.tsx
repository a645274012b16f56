import { Alert, Button, Card, Group, Modal, Skeleton, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconVideoPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import {
  deleteMedia,
  mediaKey,
  mediaQuery,
  productKey,
  productListsKey,
  reorderMedia,
  updateMedia,
  type Media,
  type Product,
} from '../../api/adminCatalog';
import { describeError, fieldErrors } from '../../api/errors';
import { DropZone } from './DropZone';
import { acceptFor, fileProblem, kindOf, mediaKindLabels, moved } from './media';
import { MediaItem } from './MediaItem';
import classes from './products.module.css';
import { UploadList } from './UploadList';
import { useUploads } from './useUploads';
import { VideoDialog } from './VideoDialog';

/** Pictures, videos and datasheets of a product: upload with progress, alt text, order, delete. */
export function MediaPanel({ product }: { product: Product }) {
  const queryClient = useQueryClient();
  const media = useQuery(mediaQuery(product.id));
  const items = media.data ?? [];
  const [announcement, setAnnouncement] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState<Media | null>(null);
  const [videoOpen, video] = useDisclosure(false);
  const focusNext = useRef<{ id: string; action: 'up' | 'down' } | null>(null);
  const root = useRef<HTMLDivElement>(null);

  const refresh = () => {
    // The product (its images feed lists and the shop); the media list is already up to date.
    void queryClient.invalidateQueries({ queryKey: productKey(product.id), exact: true });
    void queryClient.invalidateQueries({ queryKey: productListsKey });
  };
  const setItems = (next: Media[]) => queryClient.setQueryData(mediaKey(product.id), next);

  const uploads = useUploads(product.id, (item, name) => {
    setItems([...(queryClient.getQueryData<Media[]>(mediaKey(product.id)) ?? []), item]);
    setAnnouncement(`${name} was uploaded.`);
    refresh();
  });

  useEffect(() => {
    const next = focusNext.current;
    if (!next) return;
    focusNext.current = null;
    const row = root.current?.querySelector(`[data-media="${next.id}"]`);
    const order = next.action === 'up' ? ['up', 'down'] : ['down', 'up'];
    for (const action of order) {
      const button = row?.querySelector<HTMLElement>(`[data-action="${action}"]:not(:disabled)`);
      if (button) {
        button.focus();
        return;
      }
    }
  });

  const addFiles = (files: File[]) => {
    for (const file of files) {
      const kind = kindOf(file);
      if (kind === 'video') {
        uploads.refuse('video', file, `${file.name} is a video: use “Add a video”, which asks for a poster image too.`);
        continue;
      }
      if (!kind) {
        uploads.refuse('image', file, `${file.name} is not a JPEG, PNG or WebP picture or a PDF.`);
        continue;
      }
      const why = fileProblem(file, kind);
      if (why) {
        uploads.refuse(kind, file, why);
        continue;
      }
      // The product's name is a fair first alt text; staff refine it below.
      uploads.add(kind, file, kind === 'image' ? { alt: product.name } : { title: file.name.replace(/\.[^.]+$/, '') });
    }
  };

  const move = async (from: number, to: number, action: 'up' | 'down') => {
    const before = items;
    const item = before[from];
    if (!item || to < 0 || to >= before.length) return;
    const next = moved(before, from, to);
    setItems(next); // at once; put back if the server refuses
    focusNext.current = { id: item.id, action };
    setBusy(true);
    setProblem(null);
    try {
      setItems(await reorderMedia(product.id, next.map((m) => m.id)));
      setAnnouncement(`${mediaKindLabels[item.kind]} moved to position ${to + 1} of ${next.length}.`);
      refresh();
    } catch (error) {
      setItems(before);
      setProblem(`The order was not changed: ${describeError(error)}`);
    } finally {
      focusNext.current = { id: item.id, action };
      setBusy(false);
    }
  };

  const saveText = async (item: Media, text: string): Promise<string | null> => {
    try {
      const updated = await updateMedia(product.id, item.id, item.kind === 'image' ? { alt: text } : { title: text });
      setItems((queryClient.getQueryData<Media[]>(mediaKey(product.id)) ?? []).map((m) => (m.id === updated.id ? updated : m)));
      setAnnouncement(item.kind === 'image' ? 'Alt text saved.' : 'Title saved.');
      refresh();
      return null;
    } catch (error) {
      return Object.values(fieldErrors(error, { alt: 'Alt text', title: 'Title' })).join(' ') || describeError(error);
    }
  };

  const confirmDelete = async () => {
    if (!deleting) return;
    setBusy(true);
    setProblem(null);
    try {
      await deleteMedia(product.id, deleting.id);
      setItems(items.filter((m) => m.id !== deleting.id));
      setAnnouncement(`${mediaKindLabels[deleting.kind]} deleted.`);
      refresh();
    } catch (error) {
      setProblem(`Not deleted: ${describeError(error)}`);
    } finally {
      setBusy(false);
      setDeleting(null);
    }
  };

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="media-title" ref={root}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h4" id="media-title">
            Pictures, videos and datasheets
          </Title>
          <Button size="compact-sm" variant="default" leftSection={<IconVideoPlus size={14} aria-hidden />} onClick={video.open}>
            Add a video
          </Button>
        </Group>
        <DropZone
          accept={acceptFor('image', 'datasheet')}
          hint="Pictures: JPEG, PNG or WebP up to 10 MB. Datasheets: PDF up to 20 MB. The first picture is the main one."
          onFiles={addFiles}
        />
        <UploadList uploads={uploads.uploads} onCancel={uploads.cancel} onDismiss={uploads.dismiss} />
        {problem ? (
          <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} withCloseButton onClose={() => setProblem(null)} closeButtonLabel="Dismiss">
            {problem}
          </Alert>
        ) : null}
        {media.isPending ? <Skeleton height={64} /> : null}
        {media.isError ? (
          <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />}>
            Could not load the media: {describeError(media.error)}
          </Alert>
        ) : null}
        {media.data && items.length === 0 ? (
          <Text size="sm" c="dimmed">
            No pictures yet. Customers buy more readily when they can see the product.
          </Text>
        ) : null}
        {items.length > 0 ? (
          <Stack gap="md" component="ol" className={classes.plainList} aria-label="Media">
            {items.map((item, i) => (
              <li key={item.id}>
                <MediaItem
                  item={item}
                  position={i + 1}
                  count={items.length}
                  busy={busy}
                  onMove={(to, action) => void move(i, to, action)}
                  onDelete={() => setDeleting(item)}
                  onSaveText={(text) => saveText(item, text)}
                />
              </li>
            ))}
          </Stack>
        ) : null}
        <VisuallyHidden role="status" aria-live="polite">
          {announcement}
        </VisuallyHidden>
      </Stack>

      <VideoDialog
        productId={product.id}
        opened={videoOpen}
        onClose={video.close}
        onUpload={(file, poster, title) => uploads.add('video', file, { poster, title })}
        onLinked={(item) => {
          setItems([...items, item]);
          setAnnouncement('Video added.');
          refresh();
        }}
      />
      <Modal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={deleting ? `Delete this ${mediaKindLabels[deleting.kind].toLowerCase()}?` : ''}
        centered
        closeButtonProps={{ 'aria-label': 'Cancel' }}
      >
        <Stack gap="md">
          <Text size="sm">It is removed from the product and the shop at once, with its files. This cannot be undone.</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setDeleting(null)} data-autofocus>
              Cancel
            </Button>
            <Button color="red.9" onClick={() => void confirmDelete()} loading={busy}>
              Delete
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
