import type { ViewerKey } from '../../api/catalog';
import { useSessionState } from '../../auth/session';

export interface Viewer {
  /** Part of every catalog query key: prices and visibility depend on the caller. */
  key: ViewerKey;
  /** False while a login is being restored after a reload: asking then would show guest prices. */
  ready: boolean;
  business: boolean;
}

export function useViewer(): Viewer {
  const { session, restoring } = useSessionState();
  return {
    key: session ? session.me.id : 'guest',
    ready: !restoring,
    business: session?.me.type === 'business',
  };
}
