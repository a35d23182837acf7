import type { Endpoint } from './endpoint';
import { openApiDocument } from './openapi';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A readable page of the OpenAPI document, self-contained (these machines load nothing from a CDN). */
export function docsPage(endpoints: Endpoint[]): string {
  const doc = openApiDocument(endpoints) as { paths: Record<string, Record<string, Record<string, unknown>>> };
  const sections = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const body = (op.requestBody as { content: Record<string, { schema: unknown }> } | undefined)?.content[
        'application/json'
      ]?.schema;
      const params = (op.parameters as { name: string; in: string; required: boolean }[] | undefined) ?? [];
      return `<section><h3><code>${method.toUpperCase()} ${escape(path)}</code></h3>
<p>${escape(String(op.summary))}</p><p><em>${escape(String(op.description ?? ''))}</em></p>
${params.length ? `<p>Parameters: ${params.map((p) => `<code>${escape(p.name)}</code> (${p.in}${p.required ? ', required' : ''})`).join(', ')}</p>` : ''}
${body ? `<details><summary>Request body</summary><pre>${escape(JSON.stringify(body, null, 2))}</pre></details>` : ''}</section>`;
    }),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Wmo trajectories API</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}section{border-top:1px solid #ddd;padding:.5rem 0}pre{background:#f6f6f6;padding:.5rem;overflow:auto}</style>
</head><body><h1>Wmo trajectories API</h1>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Every route but <code>/health</code> needs <code>Authorization: Bearer &lt;token&gt;</code>; mint one with <code>npm run token -- &lt;email&gt;</code>. Errors: <code>{ "error": { "code", "message", "details": [{ "path" | "rule", "message" }] } }</code>.</p>
${sections.join('\n')}</body></html>`;
}
