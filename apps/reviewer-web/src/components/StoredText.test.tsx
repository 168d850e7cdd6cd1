import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ClaimText, ExternalLink } from './StoredText';

describe('stored text', () => {
  it('shows markup in a claim as the characters it is', () => {
    const text = 'Safe <img src=x onerror="window.hacked=1"><script>window.hacked=2</script> dose.';
    const { container } = render(<ClaimText text={text} citations={[1]} />);
    expect(container.querySelector('img, script')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror="window.hacked=1">');
  });

  it('makes only http(s) URLs links, opened without the opener', () => {
    render(
      <>
        <ExternalLink url="https://doi.org/10.1/x" />
        <ExternalLink url="javascript:alert(1)" />
        <ExternalLink url="data:text/html,<b>x</b>" />
      </>,
    );
    const links = screen.getAllByRole('link');
    expect(links).toHaveLength(1);
    expect(links[0]).toHaveAttribute('href', 'https://doi.org/10.1/x');
    expect(links[0]).toHaveAttribute('rel', 'noopener noreferrer');
    expect(screen.getByText('javascript:alert(1)').tagName).toBe('SPAN');
  });

  it('marks flagged wording and links each citation to its reference', () => {
    const text = 'Creatine cures fatigue in everyone.';
    const { container } = render(
      <ClaimText text={text} flags={[{ start: 9, end: 14, message: 'Stronger than animal evidence supports' }]} citations={[4, 7]} />,
    );
    const mark = container.querySelector('mark');
    expect(mark).toHaveTextContent('cures (flagged wording)');
    expect(mark).toHaveAttribute('title', 'Stronger than animal evidence supports');
    expect(screen.getByRole('link', { name: 'reference 4' })).toHaveAttribute('href', '#reference-4');
    expect(screen.getByRole('link', { name: 'reference 7' })).toHaveAttribute('href', '#reference-7');
    expect(container.textContent).toContain('Creatine cures');
  });
});
