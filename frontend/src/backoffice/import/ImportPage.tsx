import { Alert, Anchor, Button, Code, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconArrowLeft,
  IconChecklist,
  IconCircleCheck,
  IconDownload,
  IconFileSpreadsheet,
  IconUpload,
  IconX,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type DragEvent } from 'react';
import { Link } from 'react-router';
import { catalogKey } from '../../api/adminCatalog';
import { ApiError, describeError } from '../../api/errors';
import { fetchProductsCsv, importProductsCsv, type ImportResult } from '../../api/productsCsv';
import classes from './import.module.css';
import { ImportErrorTable } from './ImportErrorTable';
import { fileProblem, formatBytes, importProblems, type ImportProblems } from './importErrors';
import { saveBlob } from '../../saveBlob';

type Outcome =
  | { kind: 'done'; result: ImportResult }
  | { kind: 'invalid'; problems: ImportProblems }
  | { kind: 'failed'; message: string };

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What a successful check or import did, in words. */
export function resultText(result: ImportResult): { title: string; body: string } {
  const changes = `${plural(result.created, 'new product', 'new products')}, ${plural(result.updated, 'update', 'updates')}`;
  if (result.dry_run) {
    return {
      title: 'The file is ready to import',
      body: `${plural(result.rows, 'row', 'rows')} checked: ${changes}. Nothing was changed yet — press “Import” to apply it.`,
    };
  }
  return { title: 'Products imported', body: `${plural(result.rows, 'row', 'rows')} imported: ${changes}.` };
}

function ExportSection() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const download = async () => {
    setBusy(true);
    setProblem(null);
    try {
      saveBlob(await fetchProductsCsv(), 'products.csv');
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="export-title">
      <Stack gap="sm" align="flex-start">
        <Title order={2} size="h4" id="export-title">
          Export
        </Title>
        <Text size="sm">
          Every product, one row each, with the same columns the import reads. Start from this file to change many
          products at once in a spreadsheet.
        </Text>
        <Button leftSection={<IconDownload size={16} aria-hidden />} onClick={() => void download()} loading={busy} variant="default">
          Download products.csv
        </Button>
        {problem ? (
          <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Could not export" w="100%">
            {problem}
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}

function ImportSection() {
  const queryClient = useQueryClient();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [choiceProblem, setChoiceProblem] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const choose = (chosen: File | undefined) => {
    setOutcome(null);
    if (!chosen) return;
    const problem = fileProblem(chosen);
    setChoiceProblem(problem ?? null);
    setFile(problem ? null : chosen);
  };

  const clear = () => {
    setFile(null);
    setOutcome(null);
    setChoiceProblem(null);
    if (inputRef.current) inputRef.current.value = '';
    inputRef.current?.focus();
  };

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'check' : 'import');
    setOutcome(null);
    try {
      const result = await importProductsCsv(file, dryRun);
      setOutcome({ kind: 'done', result });
      if (!dryRun) void queryClient.invalidateQueries({ queryKey: catalogKey });
    } catch (error) {
      const errors = error instanceof ApiError && error.status === 422 ? (error.problem?.errors ?? []) : [];
      if (errors.length > 0) setOutcome({ kind: 'invalid', problems: importProblems(errors) });
      else setOutcome({ kind: 'failed', message: describeError(error) });
    } finally {
      setBusy(null);
    }
  };

  const onDragOver = (event: DragEvent) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    choose(event.dataTransfer.files[0]);
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-title">
      <Stack gap="md">
        <Title order={2} size="h4" id="import-title">
          Import
        </Title>
        <Text size="sm">
          Creates products whose SKU is new and updates the others. Every row is checked first: if any is wrong, nothing is
          imported and you see each problem by row and column.
        </Text>

        <div
          className={classes.dropzone}
          data-dragging={dragging || undefined}
          onDragOver={onDragOver}
          onDragEnter={onDragOver}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <Stack gap="xs" align="center">
            <IconFileSpreadsheet size={32} aria-hidden />
            <Text size="sm">Drop a CSV file here, or</Text>
            <input
              id={inputId}
              ref={inputRef}
              className={classes.fileInput}
              type="file"
              accept=".csv,text/csv"
              onChange={(event) => choose(event.currentTarget.files?.[0])}
            />
            <Button component="label" htmlFor={inputId} variant="default" leftSection={<IconUpload size={16} aria-hidden />}>
              Choose a CSV file
            </Button>
            <Text size="xs" c="dimmed">
              Up to 16 MB, UTF-8, first row naming the columns.
            </Text>
          </Stack>
        </div>

        {choiceProblem ? (
          <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />}>
            {choiceProblem}
          </Alert>
        ) : null}

        {file ? (
          <Group justify="space-between" gap="sm" wrap="wrap">
            <Group gap="xs" wrap="nowrap" miw={0}>
              <IconFileSpreadsheet size={20} aria-hidden />
              <Text size="sm" fw={600} className={classes.fileName} data-testid="chosen-file">
                {file.name}
              </Text>
              <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {formatBytes(file.size)}
              </Text>
            </Group>
            <Button size="compact-sm" variant="subtle" leftSection={<IconX size={14} aria-hidden />} onClick={clear} disabled={busy !== null}>
              Choose another file
            </Button>
          </Group>
        ) : null}

        <Group gap="sm">
          <Button
            variant="default"
            leftSection={<IconChecklist size={16} aria-hidden />}
            disabled={!file || (busy !== null && busy !== 'check')}
            loading={busy === 'check'}
            onClick={() => void send(true)}
          >
            Check file
          </Button>
          <Button
            leftSection={<IconUpload size={16} aria-hidden />}
            disabled={!file || (busy !== null && busy !== 'import')}
            loading={busy === 'import'}
            onClick={() => void send(false)}
          >
            Import
          </Button>
        </Group>

        <div aria-live="polite">
          {outcome?.kind === 'done' ? (
            <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} title={resultText(outcome.result).title}>
              {resultText(outcome.result).body}
            </Alert>
          ) : null}
          {outcome?.kind === 'failed' ? (
            <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title="Nothing was imported">
              {outcome.message}
            </Alert>
          ) : null}
        </div>
        {outcome?.kind === 'invalid' ? <Problems problems={outcome.problems} /> : null}

        <Stack gap={4}>
          <Text size="sm" fw={600}>
            Columns
          </Text>
          <Text size="sm">
            Required: <Code>sku</Code>, <Code>name</Code>, <Code>status</Code> (draft, active, archived), <Code>audience</Code> (b2c,
            b2b, both), <Code>price</Code> (e.g. 12.99) and <Code>currency</Code> (e.g. USD).
          </Text>
          <Text size="sm">
            Optional: <Code>slug</Code>, <Code>description</Code>, <Code>category</Code> (a category slug), <Code>tax_class</Code>,{' '}
            <Code>stock_on_hand</Code> (new products only), <Code>min_order_qty</Code>, <Code>order_multiple</Code>,{' '}
            <Code>weight_grams</Code>, <Code>length_mm</Code>, <Code>width_mm</Code>, <Code>height_mm</Code> (packed size in
            millimetres), <Code>specs</Code> (a JSON list).
          </Text>
        </Stack>
      </Stack>
    </Paper>
  );
}

function Problems({ problems }: { problems: ImportProblems }) {
  const n = problems.rows.length + problems.general.length;
  return (
    <Stack gap="sm">
      <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title={`${plural(n, 'problem', 'problems')} in the file: nothing was imported`}>
        <Stack gap={6}>
          {problems.general.length > 0 ? (
            <List size="sm">
              {problems.general.map((g) => (
                <List.Item key={g}>{g}</List.Item>
              ))}
            </List>
          ) : null}
          <Text size="sm">Fix {n === 1 ? 'it' : 'them'} in your spreadsheet, save it as CSV again, then check the file again.</Text>
        </Stack>
      </Alert>
      {problems.rows.length > 0 ? <ImportErrorTable rows={problems.rows} /> : null}
    </Stack>
  );
}

/** `/admin/products/import`: products to and from CSV. */
export function ImportPage() {
  useDocumentTitle('Import / export products · OMS Back office');
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/admin/products" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden />
          Products
        </Group>
      </Anchor>
      <Stack gap={4}>
        <Title order={1}>Import / export products</Title>
        <Text>Change many products at once in a spreadsheet: export, edit, check, import.</Text>
      </Stack>
      <ExportSection />
      <ImportSection />
    </Stack>
  );
}
