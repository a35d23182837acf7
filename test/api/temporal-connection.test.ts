import { InterceptingCall, type Interceptor, type StatusObject } from '@grpc/grpc-js';
import {
  Connection,
  defaultGrpcRetryOptions,
  makeGrpcRetryInterceptor,
  type GrpcRetryOptions,
} from '@temporalio/client';
import { boundedRetryInterceptor } from '../../api/temporal-connection';
import { freePort } from '../../scripts/ports';
import { eventually } from '../support/eventually';

/**
 * The client's gRPC retry against an address where nothing listens: every attempt fails with
 * UNAVAILABLE, the failure the SDK retries. An interceptor below the retry counts the attempts.
 */
describe('Temporal connection: no retry outlives its call', () => {
  let address: string;
  let connection: Connection | undefined;
  beforeAll(async () => {
    address = `127.0.0.1:${await freePort()}`;
  });
  afterEach(async () => {
    await connection?.close();
    connection = undefined;
  });

  /** Counts attempts (below the retry) and scheduled retries (in the retry's delay function). */
  type Counted = { attempts: number; waiting: number };
  function connect(retryWith: (counted: Counted) => Interceptor) {
    const counted: Counted = { attempts: 0, waiting: 0 };
    const retry = retryWith(counted);
    const counting: Interceptor = (options, nextCall) => {
      counted.attempts += 1;
      return new InterceptingCall(nextCall(options));
    };
    connection = Connection.lazy({ address, interceptors: [retry, counting] });
    return { connection, counted };
  }

  /** Short waits between attempts, so a retry that should not happen would happen many times over. */
  const quick = (waitMs: number, counted: Counted): GrpcRetryOptions => {
    const defaults = defaultGrpcRetryOptions({ maxAttempts: 50 });
    return {
      retryableDecider: defaults.retryableDecider,
      delayFunction: () => {
        counted.waiting += 1;
        return waitMs;
      },
    };
  };

  /** Long enough for ten more attempts at 20 ms apart: the window in which none may come. */
  const quietWindow = () => new Promise((resolve) => setTimeout(resolve, 300));

  it('when the caller aborts while a retry waits, then no attempt follows and the call ends', async () => {
    const { connection, counted } = connect((counted) => boundedRetryInterceptor(quick(20, counted)));
    const abort = new AbortController();
    const call = connection.withAbortSignal(abort.signal, () => connection.workflowService.getSystemInfo({}));
    const ended = call.then(
      () => 'answered',
      (error: Partial<StatusObject>) => error.code,
    );
    await eventually(
      async () => counted.attempts,
      (n) => n >= 3,
    );
    abort.abort();
    expect(await ended).not.toBe('answered');
    const attempts = counted.attempts;
    await quietWindow();
    expect(counted.attempts).toBe(attempts);
  });

  it('when the SDK’s own retry is aborted the same way, then it keeps trying (why ours exists)', async () => {
    const { connection, counted } = connect((counted) => makeGrpcRetryInterceptor(quick(20, counted)));
    const abort = new AbortController();
    const call = connection.withAbortSignal(abort.signal, () => connection.workflowService.getSystemInfo({}));
    const ended = call.catch(() => undefined);
    await eventually(
      async () => counted.attempts,
      (n) => n >= 3,
    );
    abort.abort();
    const attempts = counted.attempts;
    await eventually(
      async () => counted.attempts,
      (n) => n > attempts + 3,
    );
    // Lets its retries run out (50 attempts) before afterEach closes the channel under them.
    await eventually(
      async () => counted.attempts,
      (n) => n >= 50,
    );
    await ended;
  });

  it('when the connection closes while a retry waits, then the call answers with the last failure and nothing throws later', async () => {
    const { connection, counted } = connect((counted) => boundedRetryInterceptor(quick(150, counted)));
    const call = connection.workflowService.getSystemInfo({}).then(
      () => 'answered',
      (error: Partial<StatusObject>) => error.code,
    );
    await eventually(
      async () => counted.waiting,
      (n) => n >= 1,
    );
    await connection.close();
    expect(await call).toBe(14); // UNAVAILABLE, the failure that was to be retried
    const made = counted.attempts;
    await quietWindow(); // the retry's timer has fired by now: it neither threw nor called again
    expect(counted.attempts).toBe(made);
  });
});
