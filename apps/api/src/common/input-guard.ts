import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from './error-body.js';

/** Deeper JSON than any of our bodies needs: refused before validation walks it. */
export const MAX_INPUT_DEPTH = 16;

/** The first problem in a parsed input (path to the field and why), or null when it is clean. */
export function inputProblem(value: unknown, where: string): string | null {
  // Iterative walk: a hostile body cannot exhaust the stack.
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: where, depth: 0 }];
  while (stack.length) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      if (item.value.includes('\u0000')) return `${item.path} must not contain NUL characters`;
    } else if (item.value !== null && typeof item.value === 'object') {
      if (item.depth >= MAX_INPUT_DEPTH) return `${item.path} is nested deeper than ${MAX_INPUT_DEPTH} levels`;
      for (const [key, child] of Object.entries(item.value)) {
        if (key.includes('\u0000')) return `${item.path} has a field name with a NUL character`;
        stack.push({ value: child, path: `${item.path}.${key}`, depth: item.depth + 1 });
      }
    }
  }
  return null;
}

/**
 * Refuses, with a 400 that names the field, input that PostgreSQL or our keys cannot take: NUL characters in
 * path parameters, query strings, JSON bodies and header-borne identifiers, and JSON nested beyond reason. It runs
 * after routing and parsing and before guards and validation, for every route.
 */
export function registerInputGuard(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    const problem =
      inputProblem(request.params, 'path') ??
      inputProblem(request.query, 'query') ??
      inputProblem(request.body, 'body');
    if (problem)
      return reply.code(400).header('content-type', 'application/json; charset=utf-8').send(errorBody(400, problem));
  });
}
