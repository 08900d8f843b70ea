import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { prefetchMe } from './api/auth';
import { send } from './api/client';
import { preloadedRequests, sendOpeningRequests } from './api/opening';
import { createQueryClient } from './api/query-client';
import { RefreshProvider } from './settings/refresh';
import { ThemeProvider } from './settings/theme';
import './styles.css';

/** How long the first render waits for the session: past it, the app renders its skeleton and the session follows. */
const SESSION_WAIT_MS = 300;

const base = import.meta.env.BASE_URL;
// The main dashboard's data is requested now, not card by card once the session is known and the cards mount.
sendOpeningRequests(preloadedRequests(document), send);
const client = createQueryClient();
// Not a top-level await: that would make the bundler split every module the pages share into chunks of their own.
void Promise.race([prefetchMe(client), new Promise((resolve) => setTimeout(resolve, SESSION_WAIT_MS))]).then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={client}>
        <BrowserRouter basename={base}>
          <ThemeProvider>
            <RefreshProvider>
              <App />
            </RefreshProvider>
          </ThemeProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </StrictMode>,
  ),
);
