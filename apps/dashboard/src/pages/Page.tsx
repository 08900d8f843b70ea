import { useEffect, type ReactNode } from 'react';

/** A detail page: its heading (also the document title) and its cards. */
export function Page({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Trading League monitoring`;
  }, [title]);
  return (
    <section className="page" aria-labelledby="page-title">
      <h2 id="page-title">{title}</h2>
      <div className="grid">{children}</div>
    </section>
  );
}

/** `page` from the URL as a positive integer. */
export const pageNumber = (value: string) => Math.max(1, Math.floor(Number(value)) || 1);
