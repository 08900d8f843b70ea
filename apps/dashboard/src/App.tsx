/** The admin monitoring dashboard's shell; its widgets arrive with the dashboard work. */
export function App() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: '2rem' }}>
      <h1>Trading League · Admin monitoring</h1>
      <p>The monitoring JSON API is under /admin/monitoring/; API docs at /api/docs.</p>
    </main>
  );
}
