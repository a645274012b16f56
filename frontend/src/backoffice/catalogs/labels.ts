import type { CatalogAudience } from '../../api/adminCatalogs';

export const audienceLabels: Record<CatalogAudience, string> = { b2b: 'Businesses', b2c: 'Consumers', both: 'Everyone' };

export const audienceDescriptions: Record<CatalogAudience, string> = {
  b2b: 'Business customers only.',
  b2c: 'Guests and consumers only.',
  both: 'Guests, consumers and business customers.',
};

/**
 * Why some customers of the catalog will not see a product in it: a product
 * keeps its own audience whatever catalog it is in. Undefined when everyone
 * the catalog is for can see the product.
 */
export function hiddenFrom(catalog: CatalogAudience, product: CatalogAudience): string | undefined {
  if (product === 'both' || product === catalog) return undefined;
  if (product === 'b2b') return 'Businesses only: consumers of this catalog will not see it.';
  return 'Consumers only: business customers of this catalog will not see it.';
}
