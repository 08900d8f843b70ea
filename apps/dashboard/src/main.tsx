import { createRoot, hydrateRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppRoot } from './AppRoot';
import { INITIAL_ANSWERS_ID, setInitialAnswers } from './api/initial-answers';
import { createQueryClient } from './api/query-client';
import './styles.css';

const root = document.getElementById('root')!;
const app = (
  <AppRoot
    client={createQueryClient()}
    router={(children) => <BrowserRouter basename={import.meta.env.BASE_URL}>{children}</BrowserRouter>}
  />
);
// The overview comes rendered by the server for an admin, with the answers it was rendered from: take it over.
const rendered = document.getElementById(INITIAL_ANSWERS_ID)?.textContent;
if (rendered) {
  // Dated by this browser's clock: the server's may differ.
  setInitialAnswers(JSON.parse(rendered) as Record<string, unknown>, Date.now());
  hydrateRoot(root, app);
} else {
  createRoot(root).render(app);
}
