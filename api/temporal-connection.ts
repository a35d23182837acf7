import {
  InterceptingCall,
  ListenerBuilder,
  RequesterBuilder,
  status as grpcStatus,
  type Interceptor,
  type NextCall,
  type Metadata,
  type StatusObject,
} from '@grpc/grpc-js';
import {
  defaultGrpcRetryOptions,
  type ConnectionOptions,
  type ConnectionPlugin,
  type GrpcRetryOptions,
} from '@temporalio/client';

/**
 * The SDK's gRPC retry (same decisions, same backoff), except that no retry outlives its call.
 * The SDK's own keeps retrying after the caller aborted (a request's time limit) and, when its timer
 * fires after the connection closed, throws "Channel has been shut down" from the timer, which ends
 * the process. Here an abort stops the waiting retry, and a connection closed meanwhile answers with
 * the last failure.
 */
export function boundedRetryInterceptor(retry: GrpcRetryOptions = defaultGrpcRetryOptions()): Interceptor {
  return (options, nextCall) => {
    let request: unknown;
    let retried: ReturnType<NextCall> | undefined;
    let waiting: { timer: NodeJS.Timeout; failed: StatusObject } | undefined;
    let cancelled = false;
    // Hands the last attempt's answer to the caller, once; set when the first attempt ends.
    let finish: (status: StatusObject) => void = () => undefined;

    const requester = new RequesterBuilder()
      .withStart((metadata: Metadata, _listener, next) => {
        let attempt = 1;
        let response: unknown;
        let passMessage: (message: unknown) => void = () => undefined;
        const ended = (status: StatusObject) => {
          if (cancelled || !retry.retryableDecider(attempt, status)) return finish(status);
          waiting = { failed: status, timer: setTimeout(() => again(status), retry.delayFunction(attempt, status)) };
        };
        const again = (failed: StatusObject) => {
          waiting = undefined;
          attempt += 1;
          try {
            const call = nextCall(options);
            retried = call;
            call.start(metadata, {
              onReceiveMessage: (message: unknown) => (response = message),
              onReceiveStatus: ended,
            });
            call.sendMessage(request);
            call.halfClose();
          } catch {
            finish(failed); // the connection closed while the retry waited
          }
        };
        const listener = new ListenerBuilder()
          .withOnReceiveMessage((message: unknown, nextMessage) => {
            response = message;
            passMessage = nextMessage;
          })
          .withOnReceiveStatus((status: StatusObject, nextStatus) => {
            finish = (final) => {
              finish = () => undefined;
              passMessage(response);
              nextStatus(final);
            };
            ended(status);
          })
          .build();
        next(metadata, listener);
      })
      .withSendMessage((message: unknown, next) => {
        request = message;
        next(message);
      })
      .withCancel((next) => {
        cancelled = true;
        if (waiting) {
          clearTimeout(waiting.timer);
          finish(waiting.failed);
          waiting = undefined;
        }
        retried?.cancelWithStatus(grpcStatus.CANCELLED, 'Cancelled on client');
        next();
      })
      .build();
    return new InterceptingCall(nextCall(options), requester);
  };
}

/** Any connection's options with our bounded retry in place of the SDK's. */
const withBoundedRetry = (options: ConnectionOptions): ConnectionOptions => ({
  ...options,
  interceptors: [boundedRetryInterceptor()],
});

/** Every client connection of ours: the SDK's defaults with the bounded retry. */
export const temporalConnectionOptions = (address: string): ConnectionOptions => withBoundedRetry({ address });

/** For connections built by others (the test environments): our bounded retry instead of the SDK's. */
export const boundedRetryPlugin: ConnectionPlugin = { name: 'bounded-retry', configureConnection: withBoundedRetry };
