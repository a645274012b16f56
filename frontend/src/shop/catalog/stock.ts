/** At or below this many available, the shop says "Only N left". */
export const lowStock = 5;

export type StockLevel = 'out' | 'low' | 'in';

export function stockLevel(available: number): StockLevel {
  if (available <= 0) return 'out';
  if (available <= lowStock) return 'low';
  return 'in';
}

export function stockLabel(available: number): string {
  switch (stockLevel(available)) {
    case 'out':
      return 'Out of stock';
    case 'low':
      return `Only ${available} left`;
    default:
      return 'In stock';
  }
}
