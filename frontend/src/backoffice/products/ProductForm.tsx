import { Alert, Box, Button, Fieldset, Group, List, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconDeviceFloppy, IconRefresh } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { createProduct, updateProduct, type Category, type Product } from '../../api/adminCatalog';
import { describeError } from '../../api/errors';
import { BasicsSection, DescriptionSection, PricingSection, ShippingSection, SpecsSection } from './ProductFields';
import classes from './products.module.css';
import {
  fieldOrder,
  isStale,
  newProductValues,
  productValues,
  serverErrors,
  toRequest,
  validateProduct,
  type ProductValues,
} from './productForm';
import { UnsavedChangesGuard } from './UnsavedChangesGuard';

interface ProductFormProps {
  /** The product as loaded; absent when creating one. */
  product?: Product;
  categories: readonly Category[];
  /** Stock keepers see the product but cannot change it here. */
  readOnly: boolean;
  onSaved: (product: Product, created: boolean) => void;
  /** Loads the product as it is now (after someone else changed it). */
  onReload: () => Promise<Product | undefined>;
}

/** The first invalid input in page order, spec rows last. */
function firstInvalid(errors: Record<string, unknown>): string | undefined {
  return fieldOrder.find((f) => errors[f]) ?? Object.keys(errors).find((k) => k.startsWith('specs.') && errors[k]);
}

/**
 * Every field of a product. Client checks mirror the server's; the server's
 * 422 lands on the same inputs. When someone else saved the product first
 * (409), the edits stay on screen with a way to reload.
 */
export function ProductForm({ product, categories, readOnly, onSaved, onReload }: ProductFormProps) {
  const creating = !product;
  const version = useRef(product?.version);
  const [stale, setStale] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  // Set just before leaving for the created product's page: nothing is unsaved then.
  const leaving = useRef(false);
  const form = useForm<ProductValues>({
    initialValues: product ? productValues(product) : newProductValues(),
    validate: (values) => validateProduct(values, creating),
  });

  const focusFirst = (errors: Record<string, unknown>) => {
    const path = firstInvalid(errors);
    if (path) form.getInputNode(path)?.focus();
  };

  const load = (p: Product) => {
    const values = productValues(p);
    form.setInitialValues(values);
    form.setValues(values);
    form.resetDirty(values);
    version.current = p.version;
  };

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    setOtherErrors([]);
    setStale(false);
    try {
      const body = toRequest(values, creating, version.current);
      const result = product ? await updateProduct(product.id, body) : await createProduct(body);
      if (product) load(result);
      else leaving.current = true;
      onSaved(result, creating);
    } catch (error) {
      if (!creating && isStale(error)) {
        setStale(true);
        return;
      }
      const mapped = serverErrors(error);
      if (Object.keys(mapped.fields).length > 0) {
        form.setErrors(mapped.fields);
        focusFirst(mapped.fields);
      }
      setOtherErrors(mapped.other);
      if (Object.keys(mapped.fields).length === 0 && mapped.other.length === 0) setProblem(describeError(error));
    }
  }, focusFirst);

  const reload = async () => {
    setReloading(true);
    try {
      const fresh = await onReload();
      if (fresh) {
        load(fresh);
        form.clearErrors();
        setStale(false);
      }
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setReloading(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label={creating ? 'New product' : 'Product details'}>
      <UnsavedChangesGuard shouldBlock={() => !readOnly && !leaving.current && form.isDirty()} />
      <Fieldset disabled={readOnly} variant="unstyled" p={0} m={0}>
        <Stack gap="md">
          {stale ? (
            <Alert color="orange" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Someone else changed this product">
              <Stack gap="sm" align="flex-start">
                <Text size="sm">
                  It was saved by someone else after you opened it, so your changes were not saved. Your edits are still
                  below: note what you need, then reload to see the current product and make your changes again.
                </Text>
                <Button
                  size="xs"
                  color="orange.9"
                  leftSection={<IconRefresh size={16} aria-hidden />}
                  onClick={() => void reload()}
                  loading={reloading}
                >
                  Reload the product
                </Button>
              </Stack>
            </Alert>
          ) : null}
          <BasicsSection form={form} categories={categories} creating={creating} />
          <DescriptionSection form={form} />
          <PricingSection form={form} />
          <ShippingSection form={form} creating={creating} />
          <SpecsSection form={form} disabled={readOnly} />
        </Stack>
      </Fieldset>
      {!readOnly ? (
        <Box className={classes.saveBar} mt="md">
          <Stack gap="xs">
            {problem || otherErrors.length > 0 ? (
              <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Not saved">
                {problem ? <Text size="sm">{problem}</Text> : null}
                {otherErrors.length > 0 ? (
                  <List size="sm">
                    {otherErrors.map((e) => (
                      <List.Item key={e}>{e}</List.Item>
                    ))}
                  </List>
                ) : null}
              </Alert>
            ) : null}
            <Group justify="space-between" gap="sm">
              <Text size="sm" c="dimmed" aria-live="polite">
                {form.isDirty() ? 'Unsaved changes' : creating ? '' : 'All changes saved'}
              </Text>
              <Button type="submit" loading={form.submitting} leftSection={<IconDeviceFloppy size={16} aria-hidden />}>
                {creating ? 'Create product' : 'Save product'}
              </Button>
            </Group>
          </Stack>
        </Box>
      ) : null}
    </form>
  );
}
