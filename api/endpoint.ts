import type { Role } from '../prisma/client';
import { z } from 'zod';
import type { Actor } from './auth';
import { SchemaViolation } from './app-error';

type Schema = z.ZodType;
type Empty = z.ZodObject<Record<string, never>>;
type Where = 'params' | 'query' | 'body';

/** One route as written: its schemas, who may call it, and a handler that gets parsed input only. */
export interface EndpointSpec<P extends Schema, Q extends Schema, B extends Schema, R extends Schema> {
  method: 'get' | 'post';
  /** OpenAPI style, `/trajectories/{trajectoryId}`; mounted in Express as `:trajectoryId`. */
  path: string;
  summary: string;
  tag: string;
  roles: readonly Role[];
  params?: P;
  query?: Q;
  body?: B;
  /** 201 for a created resource; 200 otherwise. */
  status?: 200 | 201;
  /** What a success answers (api/responses.ts, api/operations-responses.ts): the handler is typed by it and /openapi.json shows it. */
  response: R;
  handle(input: {
    actor: Actor;
    params: z.output<P>;
    query: z.output<Q>;
    body: z.output<B>;
    /**
     * The id of the workflow update this request makes: the request's id (X-Request-Id), or one
     * derived from its Idempotency-Key, so that a retry joins the first attempt's update.
     */
    updateId: string;
  }): Promise<z.input<R>>;
}

/** The same route with its types erased, so routes of all shapes fit one list (mounting, OpenAPI). */
export interface Endpoint {
  method: 'get' | 'post';
  path: string;
  summary: string;
  tag: string;
  roles: readonly Role[];
  status: 200 | 201;
  schemas: Partial<Record<Where, Schema>> & { response: Schema };
  run(actor: Actor, raw: Record<Where, unknown>, updateId: string): Promise<unknown>;
}

/** Parses one part of the request; failures name the field as `body.month`, `query.limit`. */
function parse<S extends Schema>(where: Where, schema: S | undefined, value: unknown): z.output<S> {
  if (!schema) return {} as z.output<S>;
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((i) => ({ path: [where, ...i.path].join('.'), message: i.message }));
  throw new SchemaViolation(details);
}

export function endpoint<
  R extends Schema,
  P extends Schema = Empty,
  Q extends Schema = Empty,
  B extends Schema = Empty,
>(spec: EndpointSpec<P, Q, B, R>): Endpoint {
  return {
    method: spec.method,
    path: spec.path,
    summary: spec.summary,
    tag: spec.tag,
    roles: spec.roles,
    status: spec.status ?? 200,
    schemas: { params: spec.params, query: spec.query, body: spec.body, response: spec.response },
    run: (actor, raw, updateId) =>
      spec.handle({
        actor,
        updateId,
        params: parse('params', spec.params, raw.params),
        query: parse('query', spec.query, raw.query),
        body: parse('body', spec.body, raw.body),
      }),
  };
}

/** `/a/{id}` → `/a/:id` */
export const expressPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');

/**
 * The same routes, each answer checked against its response schema: a handler that answers what
 * /openapi.json does not say fails loudly (the test suites run this way).
 */
export function checkingResponses(endpoints: Endpoint[]): Endpoint[] {
  return endpoints.map((e) => ({
    ...e,
    run: async (actor, raw, updateId) => {
      const result = await e.run(actor, raw, updateId);
      const checked = e.schemas.response.safeParse(result);
      if (!checked.success) {
        const where = checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
        throw new Error(`${e.method.toUpperCase()} ${e.path} answered outside its response schema: ${where}`);
      }
      return result;
    },
  }));
}
