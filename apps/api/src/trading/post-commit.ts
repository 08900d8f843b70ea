import type { Logger } from '@nestjs/common';

/**
 * Waits for a committed write's follow-up work (cache invalidation, event handlers) at most `timeoutMs`, then
 * answers anyway: the write has committed, so a slow Redis or handler must neither hold the response open nor turn
 * it into an error. Late work finishes in the background; failures are logged.
 */
export async function finishWithin(
  what: string,
  work: Promise<unknown>,
  timeoutMs: number,
  logger: Logger,
): Promise<void> {
  const settled = work.then(
    () => true,
    (error: Error) => {
      logger.error(`${what} failed after commit: ${error.message}`);
      return true;
    },
  );
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const onTime = await Promise.race([settled, late]);
  clearTimeout(timer);
  if (!onTime) logger.warn(`${what} still running after ${timeoutMs} ms; answered without waiting`);
}
