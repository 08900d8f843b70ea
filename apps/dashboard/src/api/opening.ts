/**
 * The main dashboard's opening requests, sent as soon as the app's code runs rather than as each card mounts: the
 * URLs the HTML preloads (the API preloads them for an admin only), so each finds its answer already on its way, and
 * the cards' first queries take them from here. The dashboard then renders with its data in one pass instead of one
 * per card, and needs no round of requests after it has learnt who is signed in.
 */

/** An answer older than this is not used: a card mounting later asks the server again. */
const FRESH_MS = 5_000;

const answers = new Map<string, { at: number; answer: Promise<unknown> }>();

/** Sends a GET for every path now, with `send`; each answer waits for the first caller of takeOpeningAnswer. */
export function sendOpeningRequests(paths: readonly string[], send: (path: string) => Promise<unknown>): void {
  const at = Date.now();
  for (const path of paths) {
    const answer = send(path);
    // A refusal (no session, not an admin) reaches the query that takes it; untaken, it must not be reported.
    answer.catch(() => undefined);
    answers.set(path, { at, answer });
  }
}

/** The same-origin URLs (path and query) the page's HTML preloads as fetches. */
export function preloadedRequests(document: Document): string[] {
  return [...document.querySelectorAll<HTMLLinkElement>('link[rel="preload"][as="fetch"]')]
    .map((link) => new URL(link.href, document.baseURI))
    .filter((url) => url.origin === document.location.origin)
    .map((url) => url.pathname + url.search);
}

/** Forgets every answer not yet taken: they were asked with a session that has just ended or changed. */
export function dropOpeningAnswers(): void {
  answers.clear();
}

/** The opening answer for `path` if one was sent and is still fresh; each is given out once. */
export function takeOpeningAnswer(path: string): Promise<unknown> | undefined {
  const entry = answers.get(path);
  if (!entry) return undefined;
  answers.delete(path);
  return Date.now() - entry.at <= FRESH_MS ? entry.answer : undefined;
}
