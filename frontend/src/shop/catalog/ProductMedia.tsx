import { Anchor, List, Stack, Text } from '@mantine/core';
import { IconFileTypePdf } from '@tabler/icons-react';
import classes from './catalog.module.css';
import { formatBytes, type Datasheet, type ProductVideo } from './media';

/**
 * A product video. Uploaded files play in the browser's own player; YouTube
 * and Vimeo videos play in a sandboxed frame whose address comes from the
 * server (never built from what a user typed), loaded only when scrolled to.
 */
export function VideoPlayer({ video }: { video: ProductVideo }) {
  return (
    <Stack gap={6} component="figure" m={0}>
      <div className={classes.videoFrame}>
        {video.kind === 'file' ? (
          <video controls preload="none" poster={video.poster} src={video.url} aria-label={video.title}>
            Your browser cannot play this video here. <a href={video.url}>Download the video</a>.
          </video>
        ) : (
          <iframe
            src={video.embedUrl}
            title={video.title}
            sandbox="allow-scripts allow-same-origin allow-presentation"
            referrerPolicy="strict-origin-when-cross-origin"
            loading="lazy"
            allow="fullscreen; picture-in-picture; encrypted-media"
            allowFullScreen
          />
        )}
      </div>
      <Text component="figcaption" size="sm">
        {video.title}
      </Text>
    </Stack>
  );
}

export function DatasheetList({ sheets }: { sheets: Datasheet[] }) {
  return (
    <List spacing="xs" listStyleType="none" p={0}>
      {sheets.map((sheet) => (
        <List.Item key={sheet.id} icon={<IconFileTypePdf size={20} aria-hidden />}>
          <Anchor href={sheet.url} target="_blank" rel="noopener noreferrer" underline="always">
            {sheet.title}
          </Anchor>{' '}
          <Text span size="sm" c="dimmed">
            (PDF{sheet.bytes !== undefined ? `, ${formatBytes(sheet.bytes)}` : ''})
          </Text>
        </List.Item>
      ))}
    </List>
  );
}
