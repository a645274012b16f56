import {
  Alert,
  Box,
  Button,
  Fieldset,
  Group,
  List,
  MultiSelect,
  Radio,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconDeviceFloppy, IconRefresh } from '@tabler/icons-react';
import { useMemo, useRef, useState } from 'react';
import {
  catalogAudiences,
  createCatalog,
  updateCatalog,
  type CatalogDetail,
  type CatalogProduct,
} from '../../api/adminCatalogs';
import type { CustomerGroup } from '../../api/customerGroups';
import { describeError } from '../../api/errors';
import { CatalogItems } from './CatalogItems';
import {
  catalogValues,
  fieldLabels,
  fieldOrder,
  isStale,
  itemFromProduct,
  newCatalogValues,
  serverErrors,
  toCatalogRequest,
  validateCatalog,
  type CatalogValues,
} from './catalogForm';
import classes from './catalogs.module.css';
import { localTimeZone } from './dates';
import { audienceDescriptions, audienceLabels } from './labels';
import { LeaveGuard } from './LeaveGuard';
import { ProductPicker } from './ProductPicker';
import { slugify } from './slug';

export interface LoadedCatalog {
  catalog: CatalogDetail;
  products: CatalogProduct[];
}

interface CatalogFormProps {
  /** The catalog as loaded, with its products; absent when creating one. */
  loaded?: LoadedCatalog;
  /** Undefined while loading. */
  groups: CustomerGroup[] | undefined;
  onSaved: (catalog: CatalogDetail, created: boolean) => void;
  /** Loads the catalog as it is now (after someone else changed it). */
  onReload: () => Promise<LoadedCatalog | undefined>;
}

function productMap(products: readonly CatalogProduct[]): Map<string, CatalogProduct> {
  return new Map(products.map((p) => [p.id, p]));
}

/** The first invalid input in page order, item rows last. */
function firstInvalid(errors: Record<string, unknown>): string | undefined {
  return fieldOrder.find((f) => errors[f]) ?? Object.keys(errors).find((k) => k.startsWith('items.') && k.endsWith('.price') && errors[k]);
}

/**
 * A catalog's fields, groups and products. Client checks mirror the server's;
 * the server's 422 lands on the same inputs. When someone else saved the
 * catalog first (409), the edits stay on screen with a way to reload.
 */
export function CatalogForm({ loaded, groups, onSaved, onReload }: CatalogFormProps) {
  const creating = !loaded;
  const catalogId = loaded?.catalog.id;
  const version = useRef(loaded?.catalog.version);
  const [known, setKnown] = useState(() => productMap(loaded?.products ?? []));
  // A new catalog's slug follows its name until someone types a slug; an existing one's never changes by itself.
  const [slugFollowsName, setSlugFollowsName] = useState(creating);
  const [stale, setStale] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const leaving = useRef(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const form = useForm<CatalogValues>({
    initialValues: loaded ? catalogValues(loaded.catalog, known) : newCatalogValues(),
    validate: validateCatalog,
  });

  const chosen = useMemo(() => new Set(form.values.items.map((i) => i.productId)), [form.values.items]);
  const groupOptions = useMemo(
    () => (groups ?? []).map((g) => ({ value: g.id, label: `${g.name} (${g.code})` })),
    [groups],
  );

  const focusFirst = (errors: Record<string, unknown>) => {
    const path = firstInvalid(errors);
    if (path) form.getInputNode(path)?.focus();
  };

  const load = (next: LoadedCatalog) => {
    const products = productMap(next.products);
    setKnown(products);
    const values = catalogValues(next.catalog, products);
    form.setInitialValues(values);
    form.setValues(values);
    form.resetDirty(values);
    version.current = next.catalog.version;
  };

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    setOtherErrors([]);
    setStale(false);
    try {
      const body = toCatalogRequest(values, creating ? undefined : version.current);
      const saved = catalogId ? await updateCatalog(catalogId, body) : await createCatalog(body);
      if (catalogId) {
        load({ catalog: saved, products: [...known.values()] });
      } else {
        leaving.current = true;
      }
      onSaved(saved, creating);
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
    setProblem(null);
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

  const add = (product: CatalogProduct) => {
    if (chosen.has(product.id)) return;
    setKnown((old) => new Map(old).set(product.id, product));
    form.insertListItem('items', itemFromProduct(product));
  };

  const nameProps = form.getInputProps('name');
  const slugProps = form.getInputProps('slug');
  const zone = localTimeZone();

  return (
    <form onSubmit={submit} noValidate aria-label={creating ? 'New catalog' : 'Catalog details'}>
      <LeaveGuard what="this catalog" shouldBlock={() => !leaving.current && form.isDirty()} />
      <Stack gap="lg">
        {stale ? (
          <Alert color="orange" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Someone else changed this catalog">
            <Stack gap="sm" align="flex-start">
              <Text size="sm">
                It was saved by someone else after you opened it, so your changes were not saved. Your edits are still
                below: note what you need, then reload to see the current catalog and make your changes again.
              </Text>
              <Button
                size="xs"
                color="orange.9"
                leftSection={<IconRefresh size={16} aria-hidden />}
                onClick={() => void reload()}
                loading={reloading}
              >
                Reload the catalog
              </Button>
            </Stack>
          </Alert>
        ) : null}

        <Fieldset legend="About the catalog">
          <Stack gap="md">
            <TextInput
              label={fieldLabels.name}
              withAsterisk
              autoComplete="off"
              {...nameProps}
              onChange={(event) => {
                const name = event.currentTarget.value;
                form.setFieldValue('name', name);
                if (slugFollowsName) form.setFieldValue('slug', slugify(name));
              }}
            />
            <TextInput
              label={fieldLabels.slug}
              description={
                creating
                  ? 'Part of the catalog’s address in the shop. Made from the name until you change it.'
                  : 'Part of the catalog’s address in the shop: changing it breaks links people saved.'
              }
              autoComplete="off"
              spellCheck={false}
              {...slugProps}
              onChange={(event) => {
                const slug = event.currentTarget.value;
                form.setFieldValue('slug', slug);
                if (creating) setSlugFollowsName(slug.trim() === '');
              }}
            />
            <Textarea
              label={fieldLabels.description}
              description="Shown to customers with the catalog."
              autosize
              minRows={2}
              maxRows={8}
              {...form.getInputProps('description')}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend="Who sees it, and when">
          <Stack gap="md">
            <Radio.Group label={fieldLabels.audience} withAsterisk {...form.getInputProps('audience')}>
              <Stack gap="xs" mt={6}>
                {catalogAudiences.map((a) => (
                  <Radio key={a} value={a} label={audienceLabels[a]} description={audienceDescriptions[a]} />
                ))}
              </Stack>
            </Radio.Group>
            <MultiSelect
              label={fieldLabels.groups}
              description="Empty: every customer of the audience. Otherwise only members of these groups see it."
              placeholder={groups ? (form.values.groups.length ? '' : 'Any customer') : 'Loading groups…'}
              data={groupOptions}
              disabled={!groups}
              searchable
              clearable
              nothingFoundMessage="No group has that name"
              {...form.getInputProps('groups')}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput
                type="datetime-local"
                label={fieldLabels.validFrom}
                description={`Empty: no start date. Times in ${zone}.`}
                {...form.getInputProps('validFrom')}
              />
              <TextInput
                type="datetime-local"
                label={fieldLabels.validTo}
                description="Empty: no end date. Customers stop seeing it at this time."
                {...form.getInputProps('validTo')}
              />
            </SimpleGrid>
            <Switch
              label="Active"
              description="Switched off, customers do not see the catalog whatever the dates."
              {...form.getInputProps('active', { type: 'checkbox' })}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend="Products">
          <Stack gap="md">
            <ProductPicker chosen={chosen} audience={form.values.audience} onAdd={add} inputRef={searchRef} />
            <CatalogItems form={form} products={known} onEmptied={() => searchRef.current?.focus()} />
            <Text size="xs" c="dimmed">
              A catalog price replaces the usual price for customers who see this catalog (when it is the best price for them).
            </Text>
          </Stack>
        </Fieldset>
      </Stack>

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
              {creating ? 'Create catalog' : 'Save catalog'}
            </Button>
          </Group>
        </Stack>
      </Box>
    </form>
  );
}
