import { Table, Text } from '@mantine/core';
import type { Spec, Tier } from '../../api/catalog';
import classes from './catalog.module.css';
import { formatMoney } from './money';
import { groupSpecs, specValue } from './specs';

/** The specifications, one table body per group (a heading row names it). */
export function SpecTable({ specs }: { specs: readonly Spec[] }) {
  const groups = groupSpecs(specs);
  return (
    <Table.ScrollContainer minWidth={280}>
      <Table withTableBorder verticalSpacing="xs" data-testid="spec-table">
        <Table.Caption className={classes.srOnly}>Specifications</Table.Caption>
        {groups.map((group) => (
          <Table.Tbody key={group.name}>
            <Table.Tr className={classes.specGroup}>
              <Table.Th colSpan={2} scope="rowgroup">
                {group.name}
              </Table.Th>
            </Table.Tr>
            {group.specs.map((spec, i) => (
              <Table.Tr key={`${spec.name}-${i}`}>
                <Table.Th scope="row" fw={500} w="45%">
                  {spec.name}
                </Table.Th>
                <Table.Td>{specValue(spec)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        ))}
      </Table>
    </Table.ScrollContainer>
  );
}

/** "10–49", "50 or more". */
export function tierRange(tier: Pick<Tier, 'min_qty' | 'max_qty'>): string {
  if (tier.max_qty === null || tier.max_qty === undefined) {
    return `${tier.min_qty} or more`;
  }
  if (tier.max_qty === tier.min_qty) {
    return String(tier.min_qty);
  }
  return `${tier.min_qty}–${tier.max_qty}`;
}

/** The caller's quantity breaks. */
export function TierTable({ tiers }: { tiers: readonly Tier[] }) {
  return (
    <Table withTableBorder verticalSpacing="xs" captionSide="top" data-testid="tier-table">
      <Table.Caption ta="left" fw={600} c="var(--mantine-color-text)">
        Unit price by quantity, before tax
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Quantity</Table.Th>
          <Table.Th scope="col" ta="right">
            Unit price
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {tiers.map((tier) => (
          <Table.Tr key={tier.min_qty}>
            <Table.Th scope="row" fw={500}>
              {tierRange(tier)}
            </Table.Th>
            <Table.Td ta="right">
              <Text span fw={600} className={classes.price}>
                {formatMoney(tier.unit_price)}
              </Text>
              {tier.source ? (
                <Text size="xs" c="dimmed">
                  {tier.source}
                </Text>
              ) : null}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
