import type { ApplyRequest, CustomerType } from '../../api/registrations';
import { passwordProblem } from '../../components/password';

/** The form of step 2; `type` comes from step 1. Paths match the API's field names. */
export interface DetailsValues {
  type: CustomerType;
  name: string;
  email: string;
  phone: string;
  password: string;
  address: { line1: string; line2: string; city: string; postal_code: string; country: string };
  company: { legal_name: string; tax_id: string; registration_number: string };
}

export function emptyDetails(type: CustomerType, country: string): DetailsValues {
  return {
    type,
    name: '',
    email: '',
    phone: '',
    password: '',
    address: { line1: '', line2: '', city: '', postal_code: '', country },
    company: { legal_name: '', tax_id: '', registration_number: '' },
  };
}

/** Labels by API field path: server messages ("is required") are shown as "City is required." */
export const detailLabels: Record<string, string> = {
  name: 'Full name',
  email: 'Email',
  phone: 'Mobile phone',
  password: 'Password',
  'address.line1': 'Street address',
  'address.line2': 'Address line 2',
  'address.city': 'City',
  'address.postal_code': 'Postal code',
  'address.country': 'Country',
  company: 'Company details',
  'company.legal_name': 'Legal company name',
  'company.tax_id': 'Tax ID',
  'company.registration_number': 'Company registration number',
};

/** The order the fields appear in, to focus the first one with an error. */
export const detailFieldOrder = [
  'name',
  'email',
  'phone',
  'password',
  'company.legal_name',
  'company.tax_id',
  'company.registration_number',
  'address.line1',
  'address.line2',
  'address.city',
  'address.postal_code',
  'address.country',
] as const;

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const required = (what: string) => (value: string) => (value.trim() ? null : `Enter ${what}`);
const forBusiness = (what: string) => (value: string, values: DetailsValues) =>
  values.type === 'business' && !value.trim() ? `Enter ${what}` : null;

/** Client-side checks (Mantine form rules); the server checks again and knows more. */
export const detailRules = {
  name: required('your full name'),
  email: (value: string) => {
    const v = value.trim();
    if (!v) return 'Enter your email address';
    return emailPattern.test(v) ? null : 'Enter a valid email address, e.g. name@example.com';
  },
  phone: (value: string) => {
    const digits = value.replace(/\D/g, '').length;
    if (!value.trim()) return 'Enter your mobile phone number';
    if (/[^\d\s()+.-]/.test(value)) return 'Use digits only, with + and the country code, e.g. +1 415 555 0100';
    return digits >= 7 && digits <= 15 ? null : 'Enter the full number with the country code, e.g. +1 415 555 0100';
  },
  password: (value: string, values: DetailsValues) => passwordProblem(value, [values.name, values.email]),
  address: {
    line1: required('the street address'),
    city: required('the city'),
    postal_code: required('the postal code'),
    country: (value: string) => (value ? null : 'Choose the country'),
  },
  company: {
    legal_name: forBusiness('the company’s legal name'),
    tax_id: forBusiness('the tax ID'),
    registration_number: forBusiness('the company registration number'),
  },
};

/** The request body: trimmed, and no company for a personal account. */
export function toApplyRequest(values: DetailsValues): ApplyRequest {
  const trim = (s: string) => s.trim();
  return {
    type: values.type,
    name: trim(values.name),
    email: trim(values.email),
    phone: trim(values.phone),
    password: values.password,
    address: {
      line1: trim(values.address.line1),
      line2: trim(values.address.line2),
      city: trim(values.address.city),
      postal_code: trim(values.address.postal_code),
      country: values.address.country,
    },
    company:
      values.type === 'business'
        ? {
            legal_name: trim(values.company.legal_name),
            tax_id: trim(values.company.tax_id),
            registration_number: trim(values.company.registration_number),
          }
        : null,
  };
}
