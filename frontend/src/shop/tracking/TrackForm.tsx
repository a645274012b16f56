import { Button, Group, Radio, Stack, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ReferenceChips } from './ReferenceChips';
import { addChips, chipReferences, chipsError, splitReferences, type ReferenceChip } from './references';

export type ContactKind = 'email' | 'phone';

export interface Contact {
  kind: ContactKind;
  value: string;
}

/** The server's minimum, checked here first: something that looks like an email address or a phone number. */
export function contactError(contact: Contact): string | null {
  const value = contact.value.trim();
  if (contact.kind === 'email') {
    if (!value) return 'Enter the email address the orders were placed with';
    if (value.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return 'Enter an email address like casey@example.com';
    return null;
  }
  if (!value) return 'Enter the phone number the orders were placed with';
  const digits = value.replace(/\D/g, '');
  if (value.length > 40 || !/^\+?[\d\s().-]+$/.test(value) || digits.length < 7 || digits.length > 15) {
    return 'Enter a phone number like +1 415 555 0123';
  }
  return null;
}

interface Props {
  /** Entries to start with (from `?r=`); the chips follow when it changes. */
  initial: string[];
  /** Guests also prove who they are with the email or phone the orders were placed with. */
  withContact: boolean;
  busy: boolean;
  /** A reference the server refused (its 422), shown at the chips. */
  serverError?: string | null;
  contactServerError?: string | null;
  onSubmit: (references: string[], contact: Contact | null) => void;
}

/** References as chips (and for guests, the contact), checked like the server checks them before sending. */
export function TrackForm({ initial, withContact, busy, serverError, contactServerError, onSubmit }: Props) {
  const initialKey = initial.join(',');
  const [chips, setChips] = useState<ReferenceChip[]>(() => addChips([], initial));
  const [draft, setDraft] = useState('');
  // References from a link that are not all valid say so at once (the link was not followed).
  const [error, setError] = useState<string | null>(() => (initial.length ? chipsError(addChips([], initial)) : null));
  const [contact, setContact] = useState<Contact>({ kind: 'email', value: '' });
  const [contactErr, setContactErr] = useState<string | null>(null);
  const contactRef = useRef<HTMLInputElement>(null);

  // Back and forward (or a new ?r= link) bring their references along.
  useEffect(() => {
    const next = addChips([], initialKey ? initialKey.split(',') : []);
    setChips(next);
    setError(next.length ? chipsError(next) : null);
  }, [initialKey]);

  // Arrived with references (the status SMS's link): only the contact is missing.
  useEffect(() => {
    if (withContact && initialKey) contactRef.current?.focus();
  }, [withContact, initialKey]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const all = addChips(chips, splitReferences(draft));
    setChips(all);
    setDraft('');
    const refsError = chipsError(all);
    const cError = withContact ? contactError(contact) : null;
    setError(refsError);
    setContactErr(cError);
    if (refsError || cError) return;
    onSubmit(chipReferences(all), withContact ? { ...contact, value: contact.value.trim() } : null);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Track orders">
      <Stack gap="md">
        <ReferenceChips
          chips={chips}
          onChipsChange={(next) => {
            setChips(next);
            if (error) setError(chipsError(next));
          }}
          draft={draft}
          onDraftChange={setDraft}
          error={error ?? serverError}
          autoFocus={initial.length === 0}
        />
        {withContact ? (
          <Stack gap={6}>
            <Radio.Group
              label="The orders were placed with"
              value={contact.kind}
              onChange={(kind) => {
                setContact({ kind: kind as ContactKind, value: '' });
                setContactErr(null);
              }}
            >
              <Group gap="lg" mt={6}>
                <Radio value="email" label="Email address" />
                <Radio value="phone" label="Phone number" />
              </Group>
            </Radio.Group>
            <TextInput
              ref={contactRef}
              label={contact.kind === 'email' ? 'Email address' : 'Phone number'}
              description="The one the orders were placed with: we show only that customer's orders"
              type={contact.kind === 'email' ? 'email' : 'tel'}
              autoComplete={contact.kind === 'email' ? 'email' : 'tel'}
              value={contact.value}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setContact((c) => ({ ...c, value }));
                if (contactErr) setContactErr(null);
              }}
              error={contactErr ?? contactServerError}
              maxLength={contact.kind === 'email' ? 254 : 40}
              style={{ maxWidth: 420 }}
            />
          </Stack>
        ) : null}
        <Group>
          <Button type="submit" leftSection={<IconSearch size={16} aria-hidden />} loading={busy}>
            Track
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
