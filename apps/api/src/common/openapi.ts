import { createRequire } from 'node:module';
import { STATUS_CODES } from 'node:http';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { OPERATION_CONTRACTS } from './openapi-operations.js';

type Schema = Record<string, unknown>;
type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

/** The wire types' JSON Schemas, derived from the TypeScript types of libs/contracts when it is built. */
const wireSchemas = createRequire(import.meta.url)('@league/contracts/wire-schemas.json') as Record<string, Schema>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Path parameters share one rule each (IdParamPipe for ids; symbols are looked up, unknown ones are 404). */
const PATH_PARAMETER_SCHEMAS: Record<string, Schema> = {
  id: { type: 'integer', minimum: 1, maximum: 2_147_483_647, example: 5 },
  userId: { type: 'integer', minimum: 1, maximum: 2_147_483_647, example: 1 },
  symbol: { type: 'string', minLength: 1, maxLength: 32, example: 'AAPL' },
};

const ERROR_MESSAGES: Record<number, string> = {
  400: 'page_size must be an integer from 1 to 200',
  401: 'Authentication required',
  403: 'Only members of this league can see its portfolios and trades',
  404: 'League 5 not found',
  409: 'This league is archived; trading is closed',
  422: 'Not enough cash: 1874.20 needed, 1200.00 available',
  429: 'Too many requests from this client; try again in 1 minute',
  503: 'The server is busy verifying passwords; try again in a moment',
};

const RETRY_AFTER = { description: 'seconds to wait before trying again', schema: { type: 'integer', minimum: 1 } };
const ERROR_HEADERS: Record<number, Record<string, unknown>> = {
  429: {
    'Retry-After': RETRY_AFTER,
    'x-ratelimit-limit': { description: 'requests allowed in the window', schema: { type: 'integer' } },
    'x-ratelimit-remaining': { description: 'requests left in the window', schema: { type: 'integer' } },
    'x-ratelimit-reset': { description: 'seconds until the window resets', schema: { type: 'integer' } },
  },
  503: { 'Retry-After': RETRY_AFTER },
};

/** What a cached read adds: its validators, and 304 to a request that already holds the body. */
const VALIDATOR_HEADERS = {
  ETag: { description: 'strong entity tag of the body; send it back in If-None-Match', schema: { type: 'string' } },
  'Cache-Control': {
    description:
      'private (public where every reader gets the same body), max-age = remaining TTL, stale-while-revalidate',
    schema: { type: 'string' },
  },
  'X-Cache': {
    description: 'how the cache answered',
    schema: { type: 'string', enum: ['HIT', 'MISS', 'STALE', 'BYPASS'] },
  },
};
const IF_NONE_MATCH = {
  name: 'If-None-Match',
  in: 'header',
  required: false,
  description: 'the ETag of the body held; 304 without a body while it is current',
  schema: { type: 'string', example: '"3q2-7w7u0PDo2l_y5mJhvA"' },
};

function schemaOf(name: string): Schema {
  const array = name.endsWith('[]');
  const base = array ? name.slice(0, -2) : name;
  if (!wireSchemas[base]) throw new Error(`OpenAPI: no wire schema named ${base} in libs/contracts`);
  const ref = { $ref: `#/components/schemas/${base}` };
  return array ? { type: 'array', items: ref } : ref;
}

function errorResponse(status: number): Record<string, unknown> {
  return {
    description: STATUS_CODES[status],
    ...(ERROR_HEADERS[status] ? { headers: ERROR_HEADERS[status] } : {}),
    content: {
      'application/json': {
        schema: { $ref: '#/components/schemas/ErrorBody' },
        example: { statusCode: status, error: STATUS_CODES[status], message: ERROR_MESSAGES[status] },
      },
    },
  };
}

/** The errors an operation can answer: those its shape implies, then those of its own rules. */
function errorStatuses(path: string, operation: Operation, own: number[]): number[] {
  const statuses = new Set<number>(own);
  if (operation.parameters?.length || operation.requestBody) statuses.add(400);
  const authenticated = (operation.security ?? []).length > 0;
  if (authenticated) statuses.add(401);
  // Only the anonymous routes are rate-limited per client.
  else statuses.add(429);
  if (path.startsWith('/admin/')) statuses.add(403);
  return [...statuses].sort((a, b) => a - b);
}

/** Adds each operation's success schema, example, errors and path-parameter bounds from OPERATION_CONTRACTS. */
export function describeOperations(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...wireSchemas } };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      for (const parameter of operation.parameters ?? []) {
        if ('in' in parameter && parameter.in === 'path' && PATH_PARAMETER_SCHEMAS[parameter.name]) {
          parameter.schema = PATH_PARAMETER_SCHEMAS[parameter.name];
        }
      }
      const contract = OPERATION_CONTRACTS[`${method.toUpperCase()} ${path}`];
      if (!contract) continue;
      const responses: Record<string, unknown> = {};
      const success = STATUS_CODES[contract.status] ?? 'OK';
      responses[contract.status] = contract.schema
        ? {
            description: success,
            content: {
              'application/json': {
                schema: schemaOf(contract.schema),
                ...(contract.example === undefined ? {} : { example: contract.example }),
              },
            },
          }
        : { description: success };
      if (contract.conditional) {
        (responses[contract.status] as Record<string, unknown>).headers = VALIDATOR_HEADERS;
        responses[304] = {
          description: 'Not Modified: the ETag in If-None-Match is current; no body',
          headers: VALIDATOR_HEADERS,
        };
        operation.parameters = [...(operation.parameters ?? []), IF_NONE_MATCH as never];
      }
      for (const status of errorStatuses(path, operation, contract.errors ?? [])) {
        responses[status] = errorResponse(status);
      }
      operation.responses = responses as Operation['responses'];
    }
  }
  return document;
}

/** OpenAPI 3.1 generated from the controllers and DTOs, completed with the wire types. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setOpenAPIVersion('3.1.0')
      .setTitle('Trading League API')
      .setDescription(
        'Fantasy stock-trading leagues: trading API, cache and monitoring admin API. See docs/api.md for ' +
          'authentication, pagination, errors, rate limits and conditional requests.',
      )
      .setVersion('1')
      .addBearerAuth()
      .addCookieAuth('league_session')
      .build(),
  );
  return describeOperations(document);
}

/** UI at /api/docs, JSON at /api/docs-json. */
export function setupOpenApi(app: NestFastifyApplication): void {
  SwaggerModule.setup('api/docs', app, openApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
}
