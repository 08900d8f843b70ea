import { Ajv, type ValidateFunction } from 'ajv';
import * as formats from 'ajv-formats';
import type { OpenAPIObject } from '@nestjs/swagger';

// ajv-formats is CommonJS: imported from ESM, its plugin function is the namespace's default.
type FormatsPlugin = (ajv: Ajv) => Ajv;
const addFormats = (formats as unknown as { default: FormatsPlugin }).default;

type ResponseSpec = { content?: Record<string, { schema?: unknown }> };

/** `/api/leagues/:id` (Fastify's pattern) as OpenAPI writes it: `/api/leagues/{id}`. */
export function openApiPath(pattern: string): string {
  return pattern.replace(/:([A-Za-z_]+)/g, '{$1}');
}

/**
 * Checks real responses against the OpenAPI document the API serves: the status must be documented for the
 * operation, a documented JSON body must match its schema (components resolved, formats checked), and a status
 * documented without content must come without a body.
 */
export class OpenApiValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenAPIObject) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'openapi', components: document.components });
  }

  operation(method: string, pattern: string): { responses: Record<string, ResponseSpec> } | undefined {
    const item = this.document.paths[openApiPath(pattern)] as Record<string, unknown> | undefined;
    return item?.[method.toLowerCase()] as { responses: Record<string, ResponseSpec> } | undefined;
  }

  /** Problems with one response; empty when it matches the document. */
  check(method: string, pattern: string, status: number, text: string): string[] {
    const operation = this.operation(method, pattern);
    if (!operation) return [`${method} ${pattern} is not in the OpenAPI document`];
    const spec = operation.responses[String(status)];
    if (!spec) return [`${method} ${pattern} answered ${status}, which its operation does not document`];
    const schema = spec.content?.['application/json']?.schema;
    if (!schema) return text ? [`${method} ${pattern} ${status} has a body but no documented schema`] : [];
    const key = `${method} ${pattern} ${status}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(
        JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/')),
      );
      this.compiled.set(key, validate);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return [`${key}: the body is not JSON`];
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${key}: ${e.instancePath || '(body)'} ${e.message}`);
  }
}
