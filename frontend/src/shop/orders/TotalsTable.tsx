import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatMoney } from '../catalog/money';

/** Totals in minor units of one currency (an order's, a cart's or a quote's). */
export interface TotalsLike {
  subtotal: number;
  discount: number;
  tax: number;
  total: number;
  currency: string;
  /** Absent for a cart or quote: the priority chosen at checkout decides it. */
  shipping?: number;
}

interface Props {
  totals: TotalsLike;
  /** Shown in the shipping row when `totals.shipping` is absent. */
  shippingNote?: ReactNode;
  caption?: string;
  totalLabel?: string;
}

/** Subtotal, discount, tax, shipping and total, right-aligned, money in the browser's format. */
export function TotalsTable({ totals, shippingNote, caption = 'Totals', totalLabel = 'Total' }: Props) {
  const money = (amount: number) => formatMoney({ amount, currency: totals.currency });
  return (
    <Table withRowBorders={false} verticalSpacing={4} horizontalSpacing={0} aria-label={caption} data-testid="totals">
      <Table.Tbody>
        <Row label="Subtotal (before tax)">{money(totals.subtotal)}</Row>
        {totals.discount > 0 ? <Row label="Discounts">−{money(totals.discount)}</Row> : null}
        <Row label="Tax">{money(totals.tax)}</Row>
        {totals.shipping !== undefined ? (
          <Row label="Shipping">{totals.shipping > 0 ? money(totals.shipping) : 'Free'}</Row>
        ) : shippingNote ? (
          <Row label="Shipping">
            <Text span size="sm" c="dimmed">
              {shippingNote}
            </Text>
          </Row>
        ) : null}
        <Table.Tr style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
          <Table.Th scope="row" fw={700} pt="xs">
            {totalLabel}
          </Table.Th>
          <Table.Td ta="right" fw={700} fz="lg" pt="xs" data-testid="grand-total" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {money(totals.total)}
          </Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={400}>
        {label}
      </Table.Th>
      <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {children}
      </Table.Td>
    </Table.Tr>
  );
}
