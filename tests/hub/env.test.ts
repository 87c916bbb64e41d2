import { describe, expect, it } from 'vitest';
import { readEnv } from '../../server/env.js';

describe('environment', () => {
  it('has defaults for everything but Redis', () => {
    expect(readEnv({})).toMatchObject({ PORT: 8080, HOST: '0.0.0.0', YC_KEY_PREFIX: 'yc:', YC_TRUST_PROXY: 'loopback', NODE_ENV: 'development' });
    expect(readEnv({}).REDIS_URL).toBeUndefined();
  });

  it('takes the load balancer by name, address or subnet, one or several', () => {
    for (const v of ['loopback', 'uniquelocal', '10.0.0.5', '10.0.0.0/8', 'loopback, 192.168.1.20', 'fe80::1', '::1/128, 10.1.2.3']) {
      expect(readEnv({ YC_TRUST_PROXY: v }).YC_TRUST_PROXY).toBe(v);
    }
  });

  it('refuses what express would misread or refuse at start, naming the variable', () => {
    for (const v of ['true', '1', '*', 'loopback;', 'proxy.example.cn']) {
      expect(() => readEnv({ YC_TRUST_PROXY: v })).toThrow(/YC_TRUST_PROXY: comma-separated/);
    }
    expect(() => readEnv({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('takes a Redis Cluster as its nodes, and refuses a list it cannot read', () => {
    expect(readEnv({ REDIS_CLUSTER_NODES: '10.0.0.5:7000,10.0.0.6:7001, redis-3.lan:7002' }).REDIS_CLUSTER_NODES).toBe('10.0.0.5:7000,10.0.0.6:7001, redis-3.lan:7002');
    for (const v of ['10.0.0.5', '10.0.0.5:7000;10.0.0.6:7000', 'redis://10.0.0.5:7000', ':7000', '']) {
      expect(() => readEnv({ REDIS_CLUSTER_NODES: v }), v).toThrow(/REDIS_CLUSTER_NODES: comma-separated host:port/);
    }
  });

  it('refuses a key prefix with a brace, which would put every hall in one cluster slot', () => {
    expect(readEnv({ YC_KEY_PREFIX: 'city-a:' }).YC_KEY_PREFIX).toBe('city-a:');
    for (const v of ['{yc}:', 'yc}', 'y{c']) expect(() => readEnv({ YC_KEY_PREFIX: v }), v).toThrow(/YC_KEY_PREFIX: no braces/);
  });

  it('checks the operator’s variables: log level and format, the metrics token, the shutdown bounds', () => {
    expect(readEnv({})).toMatchObject({ LOG_LEVEL: 'info', LOG_FORMAT: 'auto', YC_SHUTDOWN_TIMEOUT_MS: 10_000, YC_DRAIN_MS: 0 });
    expect(readEnv({}).YC_METRICS_TOKEN).toBeUndefined();
    expect(() => readEnv({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => readEnv({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
    expect(() => readEnv({ YC_METRICS_TOKEN: 'short' })).toThrow(/YC_METRICS_TOKEN: at least 16 characters/);
    expect(() => readEnv({ YC_SHUTDOWN_TIMEOUT_MS: '10' })).toThrow(/YC_SHUTDOWN_TIMEOUT_MS/);
    expect(readEnv({ YC_DRAIN_MS: '5000', YC_METRICS_TOKEN: '0123456789abcdef' })).toMatchObject({ YC_DRAIN_MS: 5000, YC_METRICS_TOKEN: '0123456789abcdef' });
  });
});
