/**
 * The answers the server rendered the overview with, by request URL (path and query), embedded in its HTML. Each
 * query's first render takes its answer as initial data, so the browser's first render matches the server's HTML
 * (hydration) and no card asks again at once for what the page already shows.
 */

/** The id of the `<script type="application/json">` that carries them, an object of answers by URL. */
export const INITIAL_ANSWERS_ID = 'initial-answers';
/** How long after rendering an answer counts as fresh: a card mounted later asks the server. */
const FRESH_MS = 5_000;

let answers = new Map<string, unknown>();
let renderedAt = 0;

/** The server's answers and when it rendered them. */
export function setInitialAnswers(byUrl: Record<string, unknown>, at: number): void {
  answers = new Map(Object.entries(byUrl));
  renderedAt = at;
}

/** The rendered answer for `url` while fresh, else undefined. */
export function initialAnswer(url: string): unknown {
  return Date.now() - renderedAt <= FRESH_MS ? answers.get(url) : undefined;
}

/** When the answers were rendered: a query's initial data dates from then. */
export function initialAnswersAt(): number {
  return renderedAt;
}

/** Data that is the rendered answer stays fresh for a moment: no card refetches what the page has just shown. */
export function initialStaleTime(query: { state: { dataUpdatedAt: number } }): number {
  return renderedAt !== 0 && query.state.dataUpdatedAt === renderedAt ? FRESH_MS : 0;
}
