import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { StrictMode, type ReactNode } from 'react';
import { App } from './App';
import { RefreshProvider } from './settings/refresh';
import { ThemeProvider } from './settings/theme';

/** The app with its providers; `router` wraps it in the browser's router or the server's (the same tree for both). */
export function AppRoot({ client, router }: { client: QueryClient; router: (app: ReactNode) => ReactNode }) {
  return (
    <StrictMode>
      <QueryClientProvider client={client}>
        {router(
          <ThemeProvider>
            <RefreshProvider>
              <App />
            </RefreshProvider>
          </ThemeProvider>,
        )}
      </QueryClientProvider>
    </StrictMode>
  );
}
