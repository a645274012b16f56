/**
 * Orange "light" alerts title themselves in orange on pale orange (3.6:1, short
 * of AA): the title takes the body text's colour; the icon keeps the hue.
 */
export const readableTitle = { title: { color: 'var(--mantine-color-text)' } } as const;
