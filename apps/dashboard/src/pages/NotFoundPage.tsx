import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <section className="page">
      <h2>No such page</h2>
      <p>
        <Link to="/">Back to the overview</Link>
      </p>
    </section>
  );
}
