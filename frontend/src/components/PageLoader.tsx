import { Center, Loader } from '@mantine/core';

/** Shown while a page's code is downloaded (lazy routes). */
export function PageLoader() {
  return (
    <Center mih={240} role="status" aria-label="Loading the page">
      <Loader aria-hidden />
    </Center>
  );
}
