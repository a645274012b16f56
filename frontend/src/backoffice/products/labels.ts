import type { Audience, ProductStatus } from '../../api/adminCatalog';

export const statusLabels: Record<ProductStatus, string> = { draft: 'Draft', active: 'Active', archived: 'Archived' };

export const statusDescriptions: Record<ProductStatus, string> = {
  draft: 'Only staff see it.',
  active: 'Customers of its audience can find and buy it.',
  archived: 'Hidden from the shop; kept for past orders.',
};

export const audienceLabels: Record<Audience, string> = { b2c: 'Consumers', b2b: 'Businesses', both: 'Everyone' };

export const audienceDescriptions: Record<Audience, string> = {
  b2c: 'Guests and consumers only: business customers never see it.',
  b2b: 'Business customers only: guests and consumers never see it.',
  both: 'Guests, consumers and business customers.',
};
