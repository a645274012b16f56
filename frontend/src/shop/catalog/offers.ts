import type { Category, Offer } from '../../api/catalog';
import { formatMoney } from './money';

const percentFormat = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 2 });

/** "−10 %" (value in basis points) or "−$5.00" (minor units). */
export function offerDiscount(offer: Pick<Offer, 'kind' | 'value' | 'currency'>): string {
  if (offer.kind === 'percent') {
    return `−${percentFormat.format(offer.value / 10_000)}`;
  }
  return `−${formatMoney({ amount: offer.value, currency: offer.currency ?? 'USD' })}`;
}

/** What the offer applies to and what it needs, in words. */
export function offerConditions(offer: Offer, categories: readonly Category[]): string[] {
  const lines: string[] = [];
  if (offer.scope === 'order') {
    lines.push('On your whole order');
  } else if (offer.scope === 'category') {
    const name = categories.find((c) => c.id === offer.category_id)?.name;
    lines.push(name ? `On everything in ${name}` : 'On a product category');
  }
  if (offer.min_order_amount > 0) {
    lines.push(`For orders from ${formatMoney({ amount: offer.min_order_amount, currency: offer.currency ?? 'USD' })}`);
  }
  if (offer.min_quantity > 1) {
    lines.push(`When you buy ${offer.min_quantity} or more`);
  }
  return lines;
}

/** Where the offer's products are: a product page, a category, or the whole shop. */
export function offerLink(offer: Offer, categories: readonly Category[]): string {
  if (offer.scope === 'product' && offer.product_id) {
    return `/shop/p/${encodeURIComponent(offer.product_id)}`;
  }
  if (offer.scope === 'category' && offer.category_id) {
    const slug = categories.find((c) => c.id === offer.category_id)?.slug;
    if (slug) return `/shop?category=${encodeURIComponent(slug)}`;
  }
  return '/shop';
}
