import { Alert, Button, Card, EmptyState, Grid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertTriangle, IconCategory, IconCircleCheck, IconRefresh } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { categoriesKey, categoriesQuery, type Category } from '../../api/adminCatalog';
import { describeError } from '../../api/errors';
import { AddCategoryForm } from './AddCategoryForm';
import { CategoryTree } from './CategoryTree';

/** `/admin/categories`: the category tree, and a form to add one. */
export function CategoriesPage() {
  useDocumentTitle('Categories · OMS Back office');
  const queryClient = useQueryClient();
  const list = useQuery(categoriesQuery);
  const [created, setCreated] = useState<Category | null>(null);

  const onCreated = (category: Category) => {
    queryClient.setQueryData<Category[]>(categoriesKey, (old) => (old ? [...old, category] : [category]));
    void queryClient.invalidateQueries({ queryKey: categoriesKey });
    setCreated(category);
  };

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>Categories</Title>
        <Text>How the shop groups products. Customers browse and filter by them.</Text>
      </Stack>
      {created ? (
        <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} role="status" withCloseButton onClose={() => setCreated(null)} closeButtonLabel="Dismiss">
          {created.name} was added.
        </Alert>
      ) : null}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card withBorder padding="md" component="section" aria-labelledby="category-tree-title">
            <Stack gap="sm">
              <Title order={2} size="h4" id="category-tree-title">
                All categories
              </Title>
              {list.isPending ? (
                <Stack gap="xs" role="status" aria-label="Loading categories">
                  {Array.from({ length: 5 }, (_, i) => (
                    <Skeleton key={i} height={24} />
                  ))}
                </Stack>
              ) : null}
              {list.isError ? (
                <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Could not load the categories">
                  <Stack gap="sm" align="flex-start">
                    <Text size="sm">{describeError(list.error)}</Text>
                    <Button size="xs" color="red" leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => void list.refetch()}>
                      Try again
                    </Button>
                  </Stack>
                </Alert>
              ) : null}
              {list.data && list.data.length === 0 ? (
                <EmptyState icon={<IconCategory aria-hidden />} title="No categories yet" description="Add the first one with the form." withIndicatorBackground />
              ) : null}
              {list.data && list.data.length > 0 ? <CategoryTree categories={list.data} selectedId={created?.id ?? null} /> : null}
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <AddCategoryForm categories={list.data ?? []} onCreated={onCreated} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
