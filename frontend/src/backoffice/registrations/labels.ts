import type { MantineColor } from '@mantine/core';
import type { CustomerType, RegistrationFlag, RegistrationStatus } from '../../api/registrations';

export interface StatusStyle {
  label: string;
  /** Filled badge colour; white text stays at WCAG AA in both schemes. */
  color: MantineColor;
  description: string;
}

export const registrationStatusStyles: Record<RegistrationStatus, StatusStyle> = {
  pending_review: { label: 'Waiting for review', color: 'blue.9', description: 'Both codes verified; staff decide.' },
  pending_verification: {
    label: 'Verifying',
    color: 'gray.7',
    description: 'The applicant has not confirmed both the email and the phone yet.',
  },
  approved: { label: 'Approved', color: 'teal.9', description: 'A customer account exists with a Registration ID and Login ID.' },
  rejected: { label: 'Rejected', color: 'red.9', description: 'Turned down; the applicant was told why.' },
};

export function registrationStatusStyle(status: RegistrationStatus): StatusStyle {
  return (
    (registrationStatusStyles as Partial<Record<string, StatusStyle>>)[status] ?? {
      label: status,
      color: 'gray.7',
      description: '',
    }
  );
}

export const customerTypeLabels: Record<CustomerType, string> = { consumer: 'Consumer', business: 'Business' };

export interface FlagInfo {
  label: string;
  /** What the flag means and what to check before deciding. */
  explanation: string;
}

/** Risk flags the server sets when an application arrives. */
export const flagInfo: Record<RegistrationFlag, FlagInfo> = {
  duplicate_application: {
    label: 'Possible duplicate',
    explanation:
      'Another application uses the same email, phone or tax ID. Compare it under “Related applications” before deciding.',
  },
  disposable_email: {
    label: 'Disposable email',
    explanation: 'The email address belongs to a throwaway-mail service, often used to hide who is applying.',
  },
  ip_velocity: {
    label: 'Many from one network',
    explanation: 'Several applications came from the same IP address within 24 hours.',
  },
  phone_velocity: {
    label: 'Phone reused',
    explanation: 'The same phone number was used in another application within 24 hours.',
  },
  country_mismatch: {
    label: 'Country mismatch',
    explanation: 'The phone number belongs to a different country than the address.',
  },
};

export function flagLabel(flag: RegistrationFlag): FlagInfo {
  return (flagInfo as Partial<Record<string, FlagInfo>>)[flag] ?? { label: flag, explanation: '' };
}
