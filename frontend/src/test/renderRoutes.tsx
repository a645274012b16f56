import { createMemoryRouter, RouterProvider } from 'react-router';
import { routes } from '../routes';
import { renderWithProviders } from './render';

/** Renders the app's real routes at `path`; returns the router to inspect the location. */
export function renderRoutes(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  renderWithProviders(<RouterProvider router={router} />);
  return router;
}

/** The current location of a memory router as "/path?query". */
export function currentUrl(router: ReturnType<typeof renderRoutes>): string {
  const { pathname, search } = router.state.location;
  return `${pathname}${search}`;
}
