/**
 * vitest globalSetup of the "cluster" project (vitest.config.ts): one Redis Cluster (3 masters,
 * 3 replicas, loopback, free ports) for the whole run; every file of the project reaches it
 * through tests/helpers/redis.ts (REDIS_TARGET), each under its own key prefix as on one server.
 */
import type { TestProject } from 'vitest/node';
import { startRedisCluster } from './redisCluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** redis-cluster://… when the file runs in the cluster project. */
    redisCluster: string | undefined;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startRedisCluster({ masters: 3, replicas: 1 });
  project.provide('redisCluster', cluster.target);
  return () => cluster.stop();
}
