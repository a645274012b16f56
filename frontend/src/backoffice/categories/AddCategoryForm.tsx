import { Alert, Button, Card, NativeSelect, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { createCategory, type Category } from '../../api/adminCatalog';
import { ApiError, describeError, fieldErrors, sentence } from '../../api/errors';
import { takenField } from '../../api/problems';
import { slugify, slugPattern } from '../products/productForm';
import { categoryOptions } from './tree';

interface Values {
  name: string;
  slug: string;
  parentId: string;
}

const labels = { name: 'Name', slug: 'Slug', parent_id: 'Parent' };

/** Name, slug (made from the name unless typed) and parent. */
export function AddCategoryForm({ categories, onCreated }: { categories: readonly Category[]; onCreated: (c: Category) => void }) {
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { name: '', slug: '', parentId: '' },
    validate: {
      name: (v) => (!v.trim() ? 'Enter the name' : v.trim().length > 100 ? 'At most 100 characters' : null),
      slug: (v, values) => {
        const slug = v.trim() || slugify(values.name);
        if (!values.name.trim()) return null;
        if (!slug) return 'The name has no letters or digits to make a slug from: type one';
        return slugPattern.test(slug) && slug.length <= 100 ? null : 'Use lower-case words joined by dashes, e.g. power-tools';
      },
    },
  });

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    try {
      const created = await createCategory({
        name: values.name.trim(),
        slug: values.slug.trim() || slugify(values.name),
        ...(values.parentId ? { parent_id: values.parentId } : {}),
      });
      form.reset();
      onCreated(created);
    } catch (error) {
      const fields = error instanceof ApiError && error.status === 422 ? fieldErrors(error, labels) : {};
      if (Object.keys(fields).length > 0) {
        form.setErrors({ name: fields.name, slug: fields.slug, parentId: fields.parent_id });
      } else if (error instanceof ApiError && takenField(error) === 'slug') {
        form.setFieldError('slug', sentence(error.problem?.detail || 'This slug is taken'));
        form.getInputNode('slug')?.focus();
      } else {
        setProblem(describeError(error));
      }
    }
  }, (errors) => form.getInputNode(errors.name ? 'name' : 'slug')?.focus());

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="new-category-title">
      <form onSubmit={submit} noValidate aria-label="New category">
        <Stack gap="sm">
          <Title order={2} size="h4" id="new-category-title">
            New category
          </Title>
          <TextInput label="Name" withAsterisk maxLength={100} autoComplete="off" {...form.getInputProps('name')} />
          <TextInput
            label="Slug"
            description="Its web address; leave empty to make it from the name"
            placeholder={slugify(form.values.name)}
            spellCheck={false}
            autoComplete="off"
            maxLength={100}
            {...form.getInputProps('slug')}
          />
          <NativeSelect
            label="Parent"
            data={[{ value: '', label: 'None (top level)' }, ...categoryOptions(categories)]}
            {...form.getInputProps('parentId')}
          />
          {problem ? (
            <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />}>
              {problem}
            </Alert>
          ) : null}
          <Button type="submit" loading={form.submitting} leftSection={<IconPlus size={16} aria-hidden />} style={{ alignSelf: 'flex-start' }}>
            Add category
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
