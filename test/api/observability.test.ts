import request from 'supertest';
import { dateOf } from '../../domain/calendar';
import { trajectoryWorkflowId } from '../../workflows/trajectory/contracts';
import { bsnOf, useApi } from '../support/api';
import { demoIds } from '../../prisma/seed/demo';

describe('API: structured logs, request ids and metrics', () => {
  const api = useApi();

  it('when a change is made, then its request is logged as JSON with the id it answered in X-Request-Id, and that id names the workflow update', async () => {
    const bsn = bsnOf(96_001);
    const registered = await api.consultant.post('/trajectories', {
      client: { bsn, fullName: 'Geheime Naam', dateOfBirth: '1944-04-04' },
      providerId: demoIds.providerA,
    });
    expect(registered.status).toBe(201);
    const trajectoryId = registered.body.trajectoryId as string;
    const intake = await api.providerA.post(`/trajectories/${trajectoryId}/intake`, { heldOn: dateOf(new Date()) });
    expect(intake.status).toBe(200);
    const requestId = intake.headers['x-request-id'];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    const line = api.logs.lines().find((l) => (l.req as { id?: string } | undefined)?.id === requestId);
    expect(line).toMatchObject({
      level: 30,
      req: { method: 'POST', url: `/trajectories/${trajectoryId}/intake` },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
      userId: demoIds.providerUserA,
    });
    // A refused change to another provider's trajectory names who tried.
    const refused = await api.providerB.post(`/trajectories/${trajectoryId}/intake`, { heldOn: dateOf(new Date()) });
    expect(refused.status).toBe(404);
    expect(
      api.logs.lines().find((l) => (l.req as { id?: string } | undefined)?.id === refused.headers['x-request-id']),
    ).toMatchObject({
      level: 40,
      res: { statusCode: 404 },
      userId: demoIds.providerUserB,
    });
    // The workflow's history holds the update under the request's id.
    const history = await api.env.client.workflow.getHandle(trajectoryWorkflowId(trajectoryId)).fetchHistory();
    const updateIds = (history.events ?? []).flatMap(
      (e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId ?? [],
    );
    expect(updateIds).toContain(requestId);

    // Nothing personal in any line: no BSN, no name, no token.
    const text = api.logs.text();
    expect(text).not.toContain(bsn);
    expect(text).not.toContain('Geheime Naam');
    expect(text).not.toMatch(/Bearer|eyJ/);
  });

  it('when a caller sends its own X-Request-Id, then it is logged beside ours, never used as the update id', async () => {
    const res = await api.consultant.get('/tasks').set('X-Request-Id', 'upstream-42');
    expect(res.headers['x-request-id']).not.toBe('upstream-42');
    const line = api.logs
      .lines()
      .find((l) => (l.req as { id?: string } | undefined)?.id === res.headers['x-request-id']);
    expect(line?.req).toMatchObject({ upstreamId: 'upstream-42' });
  });

  it('when /metrics is scraped, then it counts requests by route pattern and status, with their latency', async () => {
    await api.operations.get('/trajectories');
    await api.operations.get('/trajectories/00000000-0000-4000-8000-000000000999');
    const res = await request(api.app()).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.text).toMatch(/http_requests_total\{method="GET",route="\/trajectories",status="200"\} [1-9]/);
    expect(res.text).toMatch(
      /http_requests_total\{method="GET",route="\/trajectories\/:trajectoryId",status="404"\} 1/,
    );
    expect(res.text).toContain('http_request_duration_seconds_bucket');
    expect(res.text).toContain('process_resident_memory_bytes');
    expect(res.text).not.toContain('00000000-0000-4000-8000-000000000999');
  });
});
