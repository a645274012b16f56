import { ActionIcon, Box, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconChevronLeft, IconChevronRight, IconZoomIn, IconZoomOut } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import classes from './catalog.module.css';
import type { GalleryImage } from './media';
import { ProductThumb } from './parts';

/**
 * The product's photos: a large one, a strip of thumbnails to pick another,
 * and a lightbox with the full-size photo (arrow keys move between photos,
 * Escape closes, "Zoom in" shows the photo at its own size to pan around).
 */
export function Gallery({ images, productName }: { images: GalleryImage[]; productName: string }) {
  const [index, setIndex] = useState(0);
  const [open, setOpen] = useState(false);
  const current = images[Math.min(index, images.length - 1)];

  if (!current) {
    return <ProductThumb image={undefined} sizes="large" />;
  }
  const count = images.length;

  return (
    <Stack gap="xs" component="section" aria-label="Photos">
      <button
        type="button"
        className={classes.mainPhoto}
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        aria-label={`Enlarge photo ${index + 1} of ${count}: ${current.alt}`}
      >
        <ProductThumb image={current} sizes="large" eager decorative />
      </button>
      {count > 1 ? (
        <div className={classes.thumbStrip} role="group" aria-label="Choose a photo">
          {images.map((image, i) => (
            <button
              key={image.id}
              type="button"
              className={classes.thumbButton}
              aria-label={`Show photo ${i + 1}: ${image.alt}`}
              aria-current={i === index ? 'true' : undefined}
              onClick={() => setIndex(i)}
            >
              <ProductThumb image={image} sizes="small" decorative />
            </button>
          ))}
        </div>
      ) : null}
      <Lightbox images={images} index={index} onIndex={setIndex} opened={open} onClose={() => setOpen(false)} productName={productName} />
    </Stack>
  );
}

interface LightboxProps {
  images: GalleryImage[];
  index: number;
  onIndex: (index: number) => void;
  opened: boolean;
  onClose: () => void;
  productName: string;
}

function Lightbox({ images, index, onIndex, opened, onClose, productName }: LightboxProps) {
  const phone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  const [zoomed, setZoomed] = useState(false);
  const count = images.length;
  const image = images[index];
  const go = (delta: number) => {
    setZoomed(false);
    onIndex((index + delta + count) % count);
  };
  // Anywhere in the open dialog (the close button has the focus at first).
  useEffect(() => {
    if (!opened) {
      return undefined;
    }
    const onKeyDown = (event: KeyboardEvent) => {
      // Zoomed in, the arrow keys pan the photo instead.
      if (zoomed && event.key.startsWith('Arrow')) {
        return;
      }
      if (count > 1 && event.key === 'ArrowRight') {
        event.preventDefault();
        setZoomed(false);
        onIndex((index + 1) % count);
      } else if (count > 1 && event.key === 'ArrowLeft') {
        event.preventDefault();
        setZoomed(false);
        onIndex((index - 1 + count) % count);
      } else if (event.key === '+' || event.key === '=') {
        setZoomed(true);
      } else if (event.key === '-') {
        setZoomed(false);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [opened, zoomed, count, index, onIndex]);

  if (!image) {
    return null;
  }
  return (
    <Modal
      opened={opened}
      onClose={() => {
        setZoomed(false);
        onClose();
      }}
      title={`${productName}: photo ${index + 1} of ${count}`}
      size="xl"
      fullScreen={phone}
      centered
      closeButtonProps={{ 'aria-label': 'Close the photo' }}
    >
      <Stack gap="sm">
        <Box
          className={zoomed ? classes.lightboxZoomed : undefined}
          data-testid="lightbox-image"
          tabIndex={zoomed ? 0 : undefined}
          role={zoomed ? 'region' : undefined}
          aria-label={zoomed ? 'Zoomed photo: scroll or use the arrow keys to look around' : undefined}
        >
          <img
            src={image.url}
            alt={image.alt}
            width={image.width}
            height={image.height}
            className={classes.lightboxImage}
            style={zoomed ? { height: 'auto' } : { width: 'auto', height: 'auto' }}
            onClick={() => setZoomed((z) => !z)}
          />
        </Box>
        <Text size="sm" ta="center">
          {image.alt}
        </Text>
        <Group justify="center" gap="sm">
          {count > 1 ? (
            <ActionIcon variant="default" size="lg" onClick={() => go(-1)} aria-label="Previous photo">
              <IconChevronLeft aria-hidden />
            </ActionIcon>
          ) : null}
          <Button
            variant="default"
            leftSection={zoomed ? <IconZoomOut size={18} aria-hidden /> : <IconZoomIn size={18} aria-hidden />}
            aria-pressed={zoomed}
            onClick={() => setZoomed((z) => !z)}
          >
            {zoomed ? 'Zoom out' : 'Zoom in'}
          </Button>
          {count > 1 ? (
            <ActionIcon variant="default" size="lg" onClick={() => go(1)} aria-label="Next photo">
              <IconChevronRight aria-hidden />
            </ActionIcon>
          ) : null}
        </Group>
        {count > 1 ? (
          <Text size="xs" c="dimmed" ta="center">
            Left and right arrow keys move between photos; + and − zoom.
          </Text>
        ) : null}
      </Stack>
    </Modal>
  );
}
