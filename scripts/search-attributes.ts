import { isGrpcServiceError } from '@temporalio/client';
import { SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { NativeConnection } from '@temporalio/worker';
import { trajectorySearchAttributeKeys } from '../workflows/trajectory/search-attributes';

const { IndexedValueType } = temporal.api.enums.v1;
const indexedAs: Record<SearchAttributeType, temporal.api.enums.v1.IndexedValueType> = {
  [SearchAttributeType.TEXT]: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  [SearchAttributeType.KEYWORD]: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  [SearchAttributeType.INT]: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  [SearchAttributeType.DOUBLE]: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  [SearchAttributeType.BOOL]: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  [SearchAttributeType.DATETIME]: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  [SearchAttributeType.KEYWORD_LIST]: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};
const GRPC_ALREADY_EXISTS = 6;
const GRPC_UNIMPLEMENTED = 12;

const grpcCode = (error: unknown) => (isGrpcServiceError(error) ? error.code : undefined);

/** Names already registered; the time-skipping test server cannot list, so there every key counts as missing. */
async function registeredNames(connection: NativeConnection, namespace: string): Promise<Set<string>> {
  try {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    return new Set(Object.keys(customAttributes ?? {}));
  } catch (error) {
    if (grpcCode(error) === GRPC_UNIMPLEMENTED) return new Set();
    throw error;
  }
}

/**
 * Registers the trajectory's search attributes with the namespace; registered ones are left alone.
 * The worker does this before it polls, because a workflow cannot set an unregistered attribute.
 */
export async function ensureSearchAttributes(connection: NativeConnection, namespace: string): Promise<void> {
  const registered = await registeredNames(connection, namespace);
  const missing = trajectorySearchAttributeKeys.filter((k) => !registered.has(k.name));
  if (!missing.length) return;
  try {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((k) => [k.name, indexedAs[k.type]])),
    });
  } catch (error) {
    // Two workers starting together: the other one registered them first.
    if (grpcCode(error) !== GRPC_ALREADY_EXISTS) throw error;
  }
}
