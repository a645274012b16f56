import { Button, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import classes from './import.module.css';
import type { RowError } from './importErrors';

const shownAtFirst = 200;

/** The bad cells of a file, by row (as the spreadsheet numbers them). */
export function ImportErrorTable({ rows }: { rows: readonly RowError[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? rows : rows.slice(0, shownAtFirst);
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={320}>
        <Table verticalSpacing="xs" aria-label="Problems in the file" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Row</Table.Th>
              <Table.Th scope="col">Column</Table.Th>
              <Table.Th scope="col">Problem</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((e, i) => (
              <Table.Tr key={`${e.row}.${e.column}.${i}`} data-row={e.row}>
                <Table.Td className={classes.rowCell}>{e.row}</Table.Td>
                <Table.Td className={classes.mono}>{e.column || 'whole row'}</Table.Td>
                <Table.Td>{e.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {shown.length < rows.length ? (
        <Stack gap={4} align="flex-start">
          <Text size="sm" c="dimmed">
            Showing the first {shownAtFirst} of {rows.length} problems.
          </Text>
          <Button size="xs" variant="default" onClick={() => setAll(true)}>
            Show all {rows.length}
          </Button>
        </Stack>
      ) : null}
    </Stack>
  );
}
