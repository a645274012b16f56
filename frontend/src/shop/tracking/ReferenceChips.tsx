import { Pill, PillsInput, Text, VisuallyHidden } from '@mantine/core';
import type { ClipboardEvent, KeyboardEvent } from 'react';
import { addChips, maxReferences, parseReference, splitReferences, type ReferenceChip } from './references';

interface Props {
  chips: ReferenceChip[];
  onChipsChange: (chips: ReferenceChip[]) => void;
  /** What is typed but not yet a chip; the form adds it when sent. */
  draft: string;
  onDraftChange: (draft: string) => void;
  error?: string | null;
  autoFocus?: boolean;
}

/**
 * Order references as chips. Typing a comma (or Enter, or a space after a
 * whole reference) makes a chip; pasting a list separated by spaces, commas
 * or new lines adds each entry. Entries that cannot be references are kept,
 * flagged, so they can be removed; the same rule as the server's.
 */
export function ReferenceChips({ chips, onChipsChange, draft, onDraftChange, error, autoFocus }: Props) {
  const add = (entries: string[]) => {
    if (entries.length) onChipsChange(addChips(chips, entries));
  };

  const change = (value: string) => {
    if (/[,;\n]/.test(value)) {
      const parts = value.split(/[,;\n]/);
      const rest = parts.pop() ?? '';
      add(parts.flatMap((p) => splitReferences(p)));
      onDraftChange(rest.trimStart());
      return;
    }
    if (/\s$/.test(value) && parseReference(value)) {
      add([value]);
      onDraftChange('');
      return;
    }
    onDraftChange(value);
  };

  const paste = (event: ClipboardEvent<HTMLInputElement>) => {
    const text = event.clipboardData.getData('text/plain');
    if (!text) return;
    event.preventDefault();
    add(splitReferences(`${draft} ${text}`));
    onDraftChange('');
  };

  const keyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' && draft.trim()) {
      event.preventDefault(); // adds the chip; Enter again sends the form
      add(splitReferences(draft));
      onDraftChange('');
    } else if (event.key === 'Backspace' && draft === '' && chips.length) {
      onChipsChange(chips.slice(0, -1));
    }
  };

  const remove = (chip: ReferenceChip) => onChipsChange(chips.filter((c) => c !== chip));
  const valid = chips.filter((c) => c.reference).length;

  return (
    <div>
      <PillsInput
        label="Order references"
        description={`Type or paste up to ${maxReferences}, separated by spaces, commas or new lines; any case, dashes optional`}
        error={error}
        size="md"
      >
        <Pill.Group>
          {chips.map((chip) => (
            <Pill
              key={chip.text}
              size="md"
              withRemoveButton
              onRemove={() => remove(chip)}
              removeButtonProps={{ tabIndex: 0, 'aria-hidden': false, 'aria-label': `Remove ${chip.text}`, title: `Remove ${chip.text}` }}
              data-invalid={chip.reference ? undefined : true}
              data-testid="reference-chip"
              title={chip.reference ? undefined : 'Not an order reference (ORD-XXXX-XXXX)'}
              style={
                chip.reference
                  ? { fontFamily: 'var(--mantine-font-family-monospace)' }
                  : {
                      fontFamily: 'var(--mantine-font-family-monospace)',
                      color: 'var(--mantine-color-error)',
                      outline: '1px solid var(--mantine-color-error)',
                      textDecoration: 'line-through',
                    }
              }
            >
              {chip.text}
              {chip.reference ? null : <VisuallyHidden> (not an order reference)</VisuallyHidden>}
            </Pill>
          ))}
          <PillsInput.Field
            value={draft}
            onChange={(event) => change(event.currentTarget.value)}
            onPaste={paste}
            onKeyDown={keyDown}
            onBlur={() => {
              if (draft.trim()) {
                add(splitReferences(draft));
                onDraftChange('');
              }
            }}
            placeholder={chips.length ? '' : 'ORD-7K3F-9QXM, ORD-2B4D-8HJT'}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            autoFocus={autoFocus}
            miw={160}
          />
        </Pill.Group>
      </PillsInput>
      <Text size="xs" c="dimmed" mt={4} aria-live="polite">
        {chips.length === 0 ? 'No references yet.' : `${valid} ${valid === 1 ? 'reference' : 'references'}${chips.length > valid ? `, ${chips.length - valid} not valid` : ''}.`}
      </Text>
    </div>
  );
}
