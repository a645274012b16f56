import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { Product } from '../../api/adminCatalog';
import classes from './products.module.css';

/** The pictures as the shop shows them, for staff who may not change them. */
export function MediaSummary({ product }: { product: Product }) {
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="media-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="media-title">
          Pictures
        </Title>
        {product.images.length === 0 ? (
          <Text size="sm" c="dimmed">
            No pictures.
          </Text>
        ) : (
          <SimpleGrid cols={4} spacing="xs">
            {product.images.map((image) => (
              <img key={image.id} src={image.thumbnails.small || image.url} alt={image.alt} className={classes.mediaThumb} width={56} height={56} loading="lazy" />
            ))}
          </SimpleGrid>
        )}
        <Text size="xs" c="dimmed">
          {product.videos.length} {product.videos.length === 1 ? 'video' : 'videos'}, {product.datasheets.length}{' '}
          {product.datasheets.length === 1 ? 'datasheet' : 'datasheets'}.
        </Text>
      </Stack>
    </Card>
  );
}
