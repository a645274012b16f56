import { Anchor, Code, Table, Typography } from '@mantine/core';
import { lexer, type Token, type Tokens } from 'marked';
import { Fragment, useMemo, type ReactNode } from 'react';
import { safeUrl } from './media';

/**
 * Product descriptions are Markdown written by staff. They are shown safely
 * by construction: `marked` only splits the text into tokens, and this file
 * turns each token into React elements (text is always text, never HTML).
 * Raw HTML in the source is dropped, images are shown as their alt text (no
 * requests to other sites), and links keep only http(s), mailto and
 * same-site addresses; links to other sites open in a new tab with
 * rel="noopener noreferrer nofollow".
 */
export function Markdown({ source, headingOffset = 2 }: { source: string; headingOffset?: number }) {
  const tokens = useMemo(() => lexer(source, { gfm: true, breaks: false }), [source]);
  return <Typography>{blocks(tokens, headingOffset)}</Typography>;
}

const namedEntities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  times: '×',
  plusmn: '±',
  micro: 'µ',
  middot: '·',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  euro: '€',
  pound: '£',
  yen: '¥',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
};

/** marked leaves named character references in text ("&amp;"); React would show them literally. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return namedEntities[name.toLowerCase()] ?? whole;
  });
}

function linkTarget(href: string): { href: string; external: boolean } | undefined {
  if (/^mailto:/i.test(href)) {
    return { href, external: false };
  }
  const url = safeUrl(href);
  if (!url) {
    return undefined;
  }
  return { href: url, external: !url.startsWith('/') };
}

function blocks(tokens: readonly Token[], headingOffset: number): ReactNode[] {
  return tokens.map((token, i) => <Fragment key={i}>{block(token, headingOffset)}</Fragment>);
}

function block(token: Token, headingOffset: number): ReactNode {
  switch (token.type) {
    case 'paragraph':
      return <p>{inline((token as Tokens.Paragraph).tokens)}</p>;
    case 'heading': {
      const t = token as Tokens.Heading;
      const level = Math.min(6, t.depth + headingOffset);
      const Tag = `h${level}` as 'h3';
      return <Tag>{inline(t.tokens)}</Tag>;
    }
    case 'list': {
      const t = token as Tokens.List;
      const items = t.items.map((item, i) => (
        <li key={i}>
          {item.task ? <span aria-label={item.checked ? 'Done: ' : 'Not done: '}>{item.checked ? '☑ ' : '☐ '}</span> : null}
          {blocks(item.tokens.filter((c) => c.type !== 'checkbox'), headingOffset)}
        </li>
      ));
      return t.ordered ? <ol start={typeof t.start === 'number' ? t.start : undefined}>{items}</ol> : <ul>{items}</ul>;
    }
    case 'blockquote':
      return <blockquote>{blocks((token as Tokens.Blockquote).tokens, headingOffset)}</blockquote>;
    case 'code':
      return (
        <Code block component="pre">
          {(token as Tokens.Code).text}
        </Code>
      );
    case 'hr':
      return <hr />;
    case 'table': {
      const t = token as Tokens.Table;
      return (
        <Table.ScrollContainer minWidth={320}>
          <Table withTableBorder>
            <Table.Thead>
              <Table.Tr>
                {t.header.map((cell, i) => (
                  <Table.Th key={i} ta={cell.align ?? undefined}>
                    {inline(cell.tokens)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {t.rows.map((row, r) => (
                <Table.Tr key={r}>
                  {row.map((cell, i) => (
                    <Table.Td key={i} ta={cell.align ?? undefined}>
                      {inline(cell.tokens)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      );
    }
    case 'text': {
      // Tight list items hold block-level "text" tokens with inline children.
      const t = token as Tokens.Text;
      return t.tokens ? inline(t.tokens) : decodeEntities(t.text);
    }
    case 'html':
    case 'space':
    case 'def':
    case 'checkbox':
      return null;
    default:
      return 'tokens' in token && Array.isArray(token.tokens) ? inline(token.tokens) : null;
  }
}

function inline(tokens: readonly Token[] | undefined): ReactNode[] {
  return (tokens ?? []).map((token, i) => <Fragment key={i}>{span(token)}</Fragment>);
}

function span(token: Token): ReactNode {
  switch (token.type) {
    case 'text': {
      const t = token as Tokens.Text;
      return t.tokens ? inline(t.tokens) : decodeEntities(t.text);
    }
    case 'escape':
      return (token as Tokens.Escape).text;
    case 'strong':
      return <strong>{inline((token as Tokens.Strong).tokens)}</strong>;
    case 'em':
      return <em>{inline((token as Tokens.Em).tokens)}</em>;
    case 'del':
      return <del>{inline((token as Tokens.Del).tokens)}</del>;
    case 'codespan':
      return <code>{decodeEntities((token as Tokens.Codespan).text)}</code>;
    case 'br':
      return <br />;
    case 'link': {
      const t = token as Tokens.Link;
      const target = linkTarget(t.href);
      const children = inline(t.tokens);
      if (!target) {
        return children;
      }
      return target.external ? (
        <Anchor href={target.href} target="_blank" rel="noopener noreferrer nofollow" underline="always">
          {children}
        </Anchor>
      ) : (
        <Anchor href={target.href} underline="always">
          {children}
        </Anchor>
      );
    }
    case 'image':
      // No pictures from elsewhere in a description: the gallery shows the product's photos.
      return decodeEntities((token as Tokens.Image).text);
    case 'html':
      return null;
    default:
      return 'tokens' in token && Array.isArray(token.tokens) ? inline(token.tokens) : null;
  }
}
