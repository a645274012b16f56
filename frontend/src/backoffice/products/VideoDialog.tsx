import { Alert, Button, FileInput, Group, Modal, Stack, Tabs, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { addVideoLink, type Media } from '../../api/adminCatalog';
import { ApiError, describeError, fieldErrors } from '../../api/errors';
import { acceptFor, fileProblem } from './media';

interface VideoDialogProps {
  productId: string;
  opened: boolean;
  onClose: () => void;
  /** A video file and its poster, checked: the panel uploads them with a progress bar. */
  onUpload: (video: File, poster: File, title: string) => void;
  onLinked: (media: Media) => void;
}

/** Add a video: upload a file with a poster image, or link one on YouTube or Vimeo. */
export function VideoDialog({ productId, opened, onClose, onUpload, onLinked }: VideoDialogProps) {
  const isPhone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  const [tab, setTab] = useState<string | null>('file');
  const [video, setVideo] = useState<File | null>(null);
  const [poster, setPoster] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [linking, setLinking] = useState(false);

  const close = () => {
    setVideo(null);
    setPoster(null);
    setTitle('');
    setUrl('');
    setErrors({});
    setProblem(null);
    onClose();
  };

  const upload = () => {
    const next: Record<string, string> = {};
    if (!video) next.video = 'Choose the video file';
    else next.video = fileProblem(video, 'video') ?? '';
    if (!poster) next.poster = 'Choose a poster image: it is shown before the video plays';
    else next.poster = fileProblem(poster, 'image') ?? '';
    const found = Object.fromEntries(Object.entries(next).filter(([, v]) => v));
    setErrors(found);
    if (Object.keys(found).length > 0 || !video || !poster) return;
    onUpload(video, poster, title.trim());
    close();
  };

  const link = async () => {
    if (!url.trim()) {
      setErrors({ url: 'Paste the address of the video on YouTube or Vimeo' });
      return;
    }
    setLinking(true);
    setProblem(null);
    try {
      const media = await addVideoLink(productId, { url: url.trim(), title: title.trim() });
      onLinked(media);
      close();
    } catch (error) {
      const fields = error instanceof ApiError && error.status === 422 ? fieldErrors(error, { url: 'The address', title: 'The title' }) : {};
      if (Object.keys(fields).length > 0) setErrors(fields);
      else setProblem(describeError(error));
    } finally {
      setLinking(false);
    }
  };

  return (
    <Modal opened={opened} onClose={close} title="Add a video" fullScreen={isPhone} centered size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List mb="md">
          <Tabs.Tab value="file">Upload a file</Tabs.Tab>
          <Tabs.Tab value="link">Link YouTube or Vimeo</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="file">
          <form
            noValidate
            aria-label="Upload a video"
            onSubmit={(event) => {
              event.preventDefault();
              upload();
            }}
          >
            <Stack gap="md">
              <FileInput
                label="Video"
                description="MP4 or WebM, up to 200 MB"
                accept={acceptFor('video')}
                value={video}
                onChange={setVideo}
                error={errors.video}
                withAsterisk
                clearable
              />
              <FileInput
                label="Poster image"
                description="JPEG, PNG or WebP: shown before the video plays"
                accept={acceptFor('image')}
                value={poster}
                onChange={setPoster}
                error={errors.poster}
                withAsterisk
                clearable
              />
              <TextInput label="Title" maxLength={200} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
              <Group justify="flex-end" gap="sm">
                <Button variant="default" onClick={close}>
                  Cancel
                </Button>
                <Button type="submit">Upload video</Button>
              </Group>
            </Stack>
          </form>
        </Tabs.Panel>
        <Tabs.Panel value="link">
          <form
            noValidate
            aria-label="Link a video"
            onSubmit={(event) => {
              event.preventDefault();
              void link();
            }}
          >
            <Stack gap="md">
              <TextInput
                label="Address"
                description="e.g. https://www.youtube.com/watch?v=… or https://vimeo.com/…"
                type="url"
                value={url}
                onChange={(e) => {
                  setUrl(e.currentTarget.value);
                  setErrors({});
                }}
                error={errors.url}
                withAsterisk
                spellCheck={false}
              />
              <TextInput label="Title" maxLength={200} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} />
              {problem ? (
                <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />}>
                  {problem}
                </Alert>
              ) : null}
              <Group justify="flex-end" gap="sm">
                <Button variant="default" onClick={close}>
                  Cancel
                </Button>
                <Button type="submit" loading={linking}>
                  Add video
                </Button>
              </Group>
            </Stack>
          </form>
        </Tabs.Panel>
      </Tabs>
    </Modal>
  );
}
