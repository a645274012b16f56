import { TextInput, type TextInputProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';

/** How long a text filter waits after the last keystroke. */
export const textFilterDebounceMs = 400;

interface DebouncedInputProps extends Omit<TextInputProps, 'value' | 'onChange'> {
  /** The value in the URL. */
  value: string;
  /** Called with the trimmed text a moment after typing stops, on Enter, and on blur. */
  onCommit: (value: string) => void;
}

/**
 * A text filter that writes to the URL when typing pauses, not on every
 * keystroke; a change from outside (Back, a saved view) replaces the text.
 */
export function DebouncedInput({ value, onCommit, onBlur, onKeyDown, ...props }: DebouncedInputProps) {
  const [text, setText] = useState(value);
  const [debounced] = useDebouncedValue(text.trim(), textFilterDebounceMs);
  // What this box last wrote, to tell our own writes from outside changes.
  const written = useRef(value);

  const commit = (next: string) => {
    if (next !== written.current) {
      written.current = next;
      onCommit(next);
    }
  };
  const commitRef = useRef(commit);
  commitRef.current = commit;

  useEffect(() => {
    commitRef.current(debounced);
  }, [debounced]);

  useEffect(() => {
    if (value !== written.current) {
      written.current = value;
      setText(value);
    }
  }, [value]);

  return (
    <TextInput
      {...props}
      value={text}
      onChange={(event) => setText(event.currentTarget.value)}
      onBlur={(event) => {
        commit(text.trim());
        onBlur?.(event);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          commit(text.trim());
        }
        onKeyDown?.(event);
      }}
    />
  );
}
