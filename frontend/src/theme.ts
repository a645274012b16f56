import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/**
 * The one theme of the SPA (shop and back office).
 *
 * Shade 8 is the darkest blue on which white text still meets WCAG AA (5:1);
 * Mantine's default light shade (6) and the 7 both fail the axe check.
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: {
    fontWeight: '700',
    sizes: {
      // Page titles shrink on phones so a three-word title does not fill the screen.
      h1: { fontSize: 'clamp(1.625rem, 1.2rem + 1.8vw, 2.125rem)' },
    },
  },
});

/**
 * Secondary ("dimmed") text that is still readable: AA contrast on body and
 * card backgrounds. Field errors too (the message and the invalid input's
 * text): Mantine's default red.6 (light) and red.8 (dark) fall short of AA.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7] ?? '#495057',
    '--mantine-color-error': t.colors.red[9] ?? '#c92a2a',
  },
  dark: {
    '--mantine-color-dimmed': t.colors.dark[1] ?? '#b8b8b8',
    '--mantine-color-error': t.colors.red[4] ?? '#ff8787',
  },
});
