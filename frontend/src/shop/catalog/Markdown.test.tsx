import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { decodeEntities, Markdown } from './Markdown';

describe('Markdown descriptions', () => {
  it('renders the usual Markdown', () => {
    const { container } = renderWithProviders(
      <Markdown source={'# Features\n\nA **strong** and *light* drill with `SDS+`.\n\n- one\n- two\n\n1. first\n\n> quote\n\n| a | b |\n|---|---|\n| 1 | 2 |'} />,
    );
    expect(screen.getByRole('heading', { level: 3, name: 'Features' })).toBeInTheDocument();
    expect(container.querySelector('strong')).toHaveTextContent('strong');
    expect(container.querySelector('em')).toHaveTextContent('light');
    expect(container.querySelector('code')).toHaveTextContent('SDS+');
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['one', 'two', 'first']);
    expect(container.querySelector('blockquote')).toHaveTextContent('quote');
    expect(screen.getByRole('table')).toHaveTextContent('ab12');
  });

  it('never renders raw HTML', () => {
    const { container } = renderWithProviders(
      <Markdown source={'Hello <b onclick="x()">bold</b> <img src=x onerror="alert(1)">\n\n<script>alert(1)</script>\n\n<iframe src="https://evil.example"></iframe>'} />,
    );
    expect(container.querySelector('script, img, iframe, b, [onclick], [onerror]')).toBeNull();
    expect(container).toHaveTextContent('Hello bold');
    expect(container).not.toHaveTextContent('alert');
  });

  it('keeps only safe links; links to other sites open with rel=noopener', () => {
    renderWithProviders(
      <Markdown source={'[site](https://example.com/manual) [local](/shop/p/x) [mail](mailto:a@example.com) [bad](javascript:alert(1)) [data](data:text/html,x) ![pic](https://tracker.example/p.gif)'} />,
    );
    const site = screen.getByRole('link', { name: 'site' });
    expect(site).toHaveAttribute('href', 'https://example.com/manual');
    expect(site).toHaveAttribute('target', '_blank');
    expect(site).toHaveAttribute('rel', 'noopener noreferrer nofollow');
    expect(screen.getByRole('link', { name: 'local' })).not.toHaveAttribute('target');
    expect(screen.getByRole('link', { name: 'mail' })).toHaveAttribute('href', 'mailto:a@example.com');
    expect(screen.queryByRole('link', { name: 'bad' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'data' })).toBeNull();
    expect(screen.getByText(/bad/)).toBeInTheDocument();
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('shows character references as characters', () => {
    expect(decodeEntities('Tom &amp; Jerry &copy; &#169; &#x41; &unknown;')).toBe('Tom & Jerry © © A &unknown;');
  });
});
