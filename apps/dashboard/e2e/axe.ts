import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe's colour-contrast violations (WCAG AA, 4.5:1 for text) on the page as the browser renders it, naming the
 * offending elements: the component tests run every other axe rule, but jsdom has no layout to measure contrast.
 * axe is evaluated through the DevTools protocol, which the page's Content-Security-Policy does not restrict.
 */
export async function contrastViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const results = await axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] } });
    const found = results.violations.map(
      (v) =>
        `${v.id}: ${v.nodes
          .map((n) => `${n.target.join(' ')} (${n.any[0]?.message ?? n.failureSummary ?? ''})`)
          .join('; ')}`,
    );
    // A page whose text axe could not measure would pass without being checked.
    if (!results.passes.some((r) => r.id === 'color-contrast')) found.push('color-contrast: no text was checked');
    return found;
  });
}

/** The contrast violations in the light and in the dark theme (the system's preference, which the dashboard follows). */
export async function contrastViolationsInBothThemes(page: Page, where: string): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.waitForFunction((theme) => document.documentElement.dataset.theme === theme, colorScheme);
    found.push(...(await contrastViolations(page)).map((v) => `${where}, ${colorScheme}: ${v}`));
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}
