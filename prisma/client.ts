import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

export * from './generated/client';

/**
 * The one way to open the database: Prisma's Rust-free client over node-postgres with a bounded pool.
 * A query or transaction waits up to 10 s for a free connection, as long as the other, so that a
 * burst of requests queues instead of failing (Prisma's default of 2 s for a transaction made 3 of
 * 25 registrations among 200 simultaneous requests fail); past that the API answers 503.
 */
export function createPrisma(connectionString: string, poolSize = 10): PrismaClient {
  const adapter = new PrismaPg({ connectionString, max: poolSize, connectionTimeoutMillis: 10_000 });
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 15_000 } });
}
