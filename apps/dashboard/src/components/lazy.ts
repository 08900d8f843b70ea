/**
 * Wraps a dynamic import: when a chunk is gone (the dashboard was rebuilt while this tab was open, so its hashed
 * file names changed), reload the page once to get the new build instead of failing.
 */
export function lazyWithReload<T>(load: () => Promise<T>): () => Promise<T> {
  return async () => {
    try {
      const module = await load();
      sessionStorage.removeItem('dashboard.reloaded');
      return module;
    } catch (error) {
      if (!sessionStorage.getItem('dashboard.reloaded')) {
        sessionStorage.setItem('dashboard.reloaded', '1');
        location.reload();
        return new Promise<T>(() => undefined);
      }
      throw error;
    }
  };
}
