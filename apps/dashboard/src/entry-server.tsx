// The server's rendering of the main dashboard (built by vite.config.ts's SSR build; the API imports it).
import { renderToString } from 'react-dom/server';
import { StaticRouter } from 'react-router';
import { AppRoot } from './AppRoot';
import { setInitialAnswers } from './api/initial-answers';
import { createQueryClient } from './api/query-client';

/**
 * The overview's HTML for the admin whose answers these are (by request URL: the session and each card's data).
 * Synchronous, so one rendering's answers never meet another's.
 */
export function renderOverview(answers: Record<string, unknown>, base: string): string {
  setInitialAnswers(answers, Date.now());
  const client = createQueryClient();
  try {
    return renderToString(
      <AppRoot
        client={client}
        router={(children) => (
          <StaticRouter basename={base} location={base}>
            {children}
          </StaticRouter>
        )}
      />,
    );
  } finally {
    setInitialAnswers({}, 0);
    client.clear();
  }
}
