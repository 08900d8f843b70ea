import { Logger } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';

/** Where another area's provider lives: a module path relative to this folder, its export, the method we call. */
export interface ProviderRef {
  /** Relative to apps/api/src/scheduling, with the `.js` suffix of ESM imports. */
  module: string;
  exportName: string;
  method: string;
}

const logger = new Logger('Scheduling');

/**
 * Finds another area's provider if that area is present: imports its module (absent while it is being built, or in
 * a slimmer build) and asks Nest for the instance with ModuleRef.get(..., {strict: false}). Returns the bound
 * method, or null with a log line, so the caller skips the job instead of failing at start.
 */
export async function resolveOptionalMethod<A extends unknown[], R>(
  moduleRef: ModuleRef,
  ref: ProviderRef,
): Promise<((...args: A) => Promise<R>) | null> {
  const what = `${ref.exportName}.${ref.method}()`;
  let token: unknown;
  try {
    // A computed specifier: the module may not exist yet, and must not break compilation or start-up then.
    const specifier: string = ref.module;
    token = ((await import(specifier)) as Record<string, unknown>)[ref.exportName];
  } catch {
    logger.log(`${what} is not available (${ref.module} not found)`);
    return null;
  }
  if (typeof token !== 'function') {
    logger.log(`${what} is not available (${ref.module} does not export ${ref.exportName})`);
    return null;
  }
  let instance: Record<string, unknown>;
  try {
    instance = moduleRef.get(token, { strict: false }) as Record<string, unknown>;
  } catch {
    logger.log(`${what} is not available (${ref.exportName} is not provided by any module)`);
    return null;
  }
  const method = instance?.[ref.method];
  if (typeof method !== 'function') {
    logger.log(`${what} is not available (${ref.exportName} has no method ${ref.method})`);
    return null;
  }
  return async (...args: A) => (await method.apply(instance, args)) as R;
}
