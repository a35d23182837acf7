import { z } from 'zod';
import type { Endpoint } from './endpoint';

type JsonSchema = Record<string, unknown>;

/**
 * JSON Schema 2020-12 (OpenAPI 3.1 uses that dialect as it is) of what a client sends or gets back.
 * Dates leave as ISO 8601 strings: in the response schemas a `z.date()` is a date-time string.
 */
function schemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema._zod.def.type === 'date') Object.assign(jsonSchema, { type: 'string', format: 'date-time' });
    },
  });
  return rest;
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => ({
    name,
    in: where,
    required: where === 'path' || !field.safeParse(undefined).success,
    schema: schemaOf(field),
  }));
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

function operationOf(e: Endpoint) {
  return {
    tags: [e.tag],
    summary: e.summary,
    description: `Roles: ${e.roles.join(', ')}.${e.method === 'post' ? ' Send an Idempotency-Key header to make a retry safe.' : ''}`,
    security: [{ bearer: [] }],
    parameters: [...parametersOf(e.schemas.params, 'path'), ...parametersOf(e.schemas.query, 'query')],
    ...(e.schemas.body && {
      requestBody: { required: true, content: { 'application/json': { schema: schemaOf(e.schemas.body) } } },
    }),
    responses: {
      [e.status]: {
        description: e.status === 201 ? 'Created' : 'OK',
        content: { 'application/json': { schema: schemaOf(e.schemas.response) } },
      },
      400: errorResponse('Invalid input; `details[].path` names each field (`body.month`)'),
      401: errorResponse('No valid bearer token'),
      403: errorResponse('The role may not do this'),
      404: errorResponse('Unknown, or outside the caller’s scope'),
      ...(e.method === 'post' && {
        409: errorResponse('Wrong state for this action (e.g. already decided)'),
        422: errorResponse('A business rule refused it; `details[].rule` names the rule'),
      }),
    },
  };
}

/** The OpenAPI 3.1 document, generated from the same schemas that validate the requests. */
export function openApiDocument(endpoints: Endpoint[]): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {
    '/health': {
      get: {
        tags: ['System'],
        summary: 'Database and Temporal connectivity',
        responses: { 200: { description: 'Up' }, 503: errorResponse('Something is down') },
      },
    },
  };
  for (const e of endpoints) (paths[e.path] ??= {})[e.method] = operationOf(e);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Wmo trajectories API',
      version: '1.0.0',
      description: 'Consultants, providers and operations act on Wmo individual-guidance trajectories.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', examples: ['VALIDATION_FAILED', 'WRONG_STATE', 'RULE_VIOLATED'] },
                message: { type: 'string' },
                details: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['message'],
                    properties: { path: { type: 'string' }, rule: { type: 'string' }, message: { type: 'string' } },
                  },
                },
              },
            },
          },
        },
      },
    },
    paths,
  };
}
