import { Group, Tabs, Text, Textarea, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { Markdown } from '../../shop/catalog/Markdown';
import classes from './products.module.css';

interface DescriptionFieldProps {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  disabled?: boolean;
}

/**
 * The description in Markdown, with a preview tab drawn by the shop's own
 * renderer (safe by construction: text stays text, raw HTML is dropped).
 */
export function DescriptionField({ value, onChange, error, disabled = false }: DescriptionFieldProps) {
  const [tab, setTab] = useState<string | null>('write');
  const id = useId();
  return (
    <Tabs value={tab} onChange={setTab}>
      <Group justify="space-between" align="flex-end" gap="xs" mb={4}>
        {/* The section's heading is the textarea's label too. */}
        <Title order={2} size="h4" id={`${id}-label`}>
          Description
        </Title>
        <Tabs.List>
          <Tabs.Tab value="write">Write</Tabs.Tab>
          <Tabs.Tab value="preview">Preview</Tabs.Tab>
        </Tabs.List>
      </Group>
      <Tabs.Panel value="write" pt="xs">
        <Textarea
          id={id}
          aria-labelledby={`${id}-label`}
          autosize
          minRows={6}
          maxRows={20}
          value={value}
          onChange={(event) => onChange(event.currentTarget.value)}
          description="Markdown: **bold**, *italic*, “- ” for lists, a blank line between paragraphs."
          inputWrapperOrder={['input', 'description', 'error']}
          error={error}
          disabled={disabled}
          data-path="description"
        />
      </Tabs.Panel>
      <Tabs.Panel value="preview" pt="xs">
        {value.trim() ? (
          <div className={classes.preview} data-testid="description-preview">
            <Markdown source={value} headingOffset={2} />
          </div>
        ) : (
          <Text size="sm" c="dimmed">
            Nothing to preview yet.
          </Text>
        )}
      </Tabs.Panel>
    </Tabs>
  );
}
