import { CloseButton, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import classes from './catalog.module.css';
import { emptyFilters, readShopFilters, shopPath } from './filters';

/** How long typing pauses before the list follows. */
export const searchDelayMs = 300;

/**
 * The shop's search box, in the header of every shop page. On the product
 * list it searches as you type (the URL follows, replacing the history entry
 * so Back is not a list of keystrokes); anywhere else Enter opens the list
 * with the results.
 */
export function HeaderSearch() {
  const location = useLocation();
  const navigate = useNavigate();
  const onList = location.pathname === '/shop';
  const urlQ = onList ? (new URLSearchParams(location.search).get('q') ?? '') : null;
  const [text, setText] = useState(urlQ ?? '');
  const sent = useRef(urlQ ?? '');
  const search = useRef(location.search);
  search.current = location.search;

  // The URL changed by other means (Back, a chip's remove button, "Clear all"): show its search.
  useEffect(() => {
    if (urlQ !== null && urlQ.trim() !== sent.current.trim()) {
      sent.current = urlQ;
      setText(urlQ);
    }
  }, [urlQ]);

  const go = (value: string, replace: boolean) => {
    sent.current = value;
    // On the list, the other filters stay; from elsewhere, a new search starts.
    const filters = onList ? readShopFilters(new URLSearchParams(search.current)) : emptyFilters;
    void navigate(shopPath({ ...filters, q: value }), { replace });
  };
  const debounced = useDebouncedCallback((value: string) => go(value, true), searchDelayMs);

  const onChange = (value: string) => {
    setText(value);
    if (onList) {
      debounced(value);
    }
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    debounced.cancel();
    go(text, onList);
  };

  return (
    <form role="search" onSubmit={onSubmit} style={{ width: '100%' }}>
      <TextInput
        type="search"
        label="Search products"
        styles={{ label: visuallyHidden }}
        classNames={{ input: classes.searchInput }}
        placeholder="Search products or SKUs"
        value={text}
        onChange={(event) => onChange(event.currentTarget.value)}
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={
          text ? (
            <CloseButton
              size="sm"
              aria-label="Clear the search"
              onClick={() => {
                setText('');
                debounced.cancel();
                if (onList) go('', true);
              }}
            />
          ) : null
        }
        enterKeyHint="search"
        autoComplete="off"
      />
    </form>
  );
}

const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0, 0, 0, 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;
