import classes from './SkipLink.module.css';

/** The first focusable element of every layout: jumps over the navigation. */
export function SkipLink({ target = 'main-content' }: { target?: string }) {
  return (
    <a className={classes.skipLink} href={`#${target}`}>
      Skip to main content
    </a>
  );
}
