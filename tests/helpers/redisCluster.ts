/**
 * A private Redis Cluster on loopback, from Debian's redis-server: `masters` masters with
 * `replicas` replicas each, on free ports, with its files in a temporary directory. The cluster
 * suite (vitest project "cluster", tests/helpers/clusterSetup.ts) shares one; the chaos test
 * starts its own, since it kills a master.
 *
 * Nodes run in the foreground as children of this process (no daemonize): when the test process
 * dies they get SIGTERM from `stop()`, or at worst are left with nothing to serve.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterTarget } from '../../server/store/redisClient.js';

export interface ClusterNodeProcess {
  port: number;
  process: ChildProcess;
}

export interface RedisClusterHandle {
  /** redis-cluster://127.0.0.1:p1,… for connectRedis(). */
  target: string;
  ports: number[];
  /** The node serving a slot as master now (CLUSTER SHARDS as redis-cli sees it). */
  masterOf(slot: number): number;
  /** kill -9 one node. */
  kill(port: number): void;
  /** Stop a node's process (SIGSTOP) and let it go on (SIGCONT): a replica that falls behind. */
  pause(port: number): void;
  resume(port: number): void;
  /** Stop a node as an operator would (SIGTERM: it writes its append-only file and goes), and start it again. */
  restart(port: number, downMs?: number): Promise<void>;
  /** Wait until every slot is served again and the cluster says ok. */
  waitHealthy(timeoutMs?: number): Promise<void>;
  /** A node's role and, for a replica, its master's port. */
  role(port: number): { role: 'master' | 'slave'; masterPort?: number };
  stop(): Promise<void>;
}

const cli = (port: number, ...args: string[]) => spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { encoding: 'utf8', timeout: 10_000 });

function portFree(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const s = createServer();
    s.once('error', () => ok(false));
    s.listen(port, '127.0.0.1', () => s.close(() => ok(true)));
  });
}

/** `n` consecutive ports whose cluster bus ports (+10000) are free too, in 21000–29999. */
async function freePorts(n: number): Promise<number[]> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 21000 + Math.floor(Math.random() * (9000 - n));
    const ports = Array.from({ length: n }, (_, i) => base + i);
    let all = true;
    for (const p of ports) if (!(await portFree(p)) || !(await portFree(p + 10000))) all = false;
    if (all) return ports;
  }
  throw new Error('no free ports for a Redis Cluster');
}

export async function startRedisCluster(options: { masters?: number; replicas?: number; nodeTimeoutMs?: number; appendonly?: boolean } = {}): Promise<RedisClusterHandle> {
  const masters = options.masters ?? 3;
  const replicas = options.replicas ?? 1;
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    throw new Error('the cluster tests need redis-server (Debian: apt-get install -y redis-server; scripts/test-services.sh installs it as root)');
  }
  const dir = mkdtempSync(join(tmpdir(), 'yc-cluster-'));
  const ports = await freePorts(masters * (1 + replicas));
  const argsOf = (port: number) => [
        '--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes',
        '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', String(options.nodeTimeoutMs ?? 1000),
        '--dir', dir, '--dbfilename', `dump-${port}.rdb`, '--appendfilename', `appendonly-${port}.aof`,
        '--appenddirname', `aof-${port}`,
        '--appendonly', options.appendonly ? 'yes' : 'no', '--save', '',
        // A replica that lost its master stands for election at once; the test measures what it lacked.
        '--cluster-replica-validity-factor', '0', '--cluster-allow-reads-when-down', 'no',
      ];
  const nodes: ClusterNodeProcess[] = ports.map((port) => ({ port, process: spawn('redis-server', argsOf(port), { stdio: 'ignore' }) }));
  const stop = async () => {
    for (const n of nodes) if (n.process.exitCode === null && n.process.signalCode === null) n.process.kill('SIGKILL') && n.process.kill('SIGCONT');
    await Promise.all(nodes.map((n) => (n.process.exitCode === null && n.process.signalCode === null ? new Promise((ok) => n.process.once('exit', ok)) : undefined)));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) {
      const end = Date.now() + 10_000;
      while (cli(port, 'ping').stdout.trim() !== 'PONG') {
        if (Date.now() > end) throw new Error(`redis-server on port ${port} did not start`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const created = spawnSync('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', String(replicas), '--cluster-yes'], { encoding: 'utf8', timeout: 60_000 });
    if (created.status !== 0) throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
  } catch (err) {
    await stop();
    throw err;
  }

  const byPort = new Map(nodes.map((n) => [n.port, n]));
  const handle: RedisClusterHandle = {
    target: clusterTarget(ports.map((port) => ({ host: '127.0.0.1', port }))),
    ports,
    masterOf(slot) {
      const live = ports.find((p) => byPort.get(p)!.process.exitCode === null && byPort.get(p)!.process.signalCode === null);
      // CLUSTER NODES: <id> <ip:port@bus> <flags> <master> <ping> <pong> <epoch> <link> <slot ranges…>
      for (const line of cli(live!, 'cluster', 'nodes').stdout.trim().split('\n')) {
        const f = line.split(' ');
        if (!f[2]?.includes('master') || f[2].includes('fail')) continue;
        const port = Number(/:(\d+)@/.exec(f[1]!)?.[1]);
        for (const range of f.slice(8)) {
          const [from, to = from] = range.split('-').map(Number);
          if (slot >= from! && slot <= to!) return port;
        }
      }
      throw new Error(`no master for slot ${slot}`);
    },
    kill(port) {
      byPort.get(port)?.process.kill('SIGKILL');
    },
    pause(port) {
      byPort.get(port)?.process.kill('SIGSTOP');
    },
    resume(port) {
      byPort.get(port)?.process.kill('SIGCONT');
    },
    async restart(port, downMs = 0) {
      const node = byPort.get(port)!;
      await new Promise((ok) => {
        node.process.once('exit', ok);
        node.process.kill('SIGTERM');
      });
      await new Promise((r) => setTimeout(r, downMs));
      node.process = spawn('redis-server', argsOf(port), { stdio: 'ignore' });
      const end = Date.now() + 10_000;
      while (cli(port, 'ping').stdout.trim() !== 'PONG') {
        if (Date.now() > end) throw new Error(`redis-server on port ${port} did not come back`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    role(port) {
      const info = cli(port, 'info', 'replication').stdout;
      const role = /role:(\w+)/.exec(info)?.[1] as 'master' | 'slave';
      const masterPort = /master_port:(\d+)/.exec(info)?.[1];
      return { role, ...(masterPort ? { masterPort: Number(masterPort) } : {}) };
    },
    async waitHealthy(timeoutMs = 30_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const alive = ports.filter((p) => byPort.get(p)!.process.exitCode === null && byPort.get(p)!.process.signalCode === null);
        const ok = alive.every((p) => /cluster_state:ok/.test(cli(p, 'cluster', 'info').stdout) && /cluster_slots_ok:16384/.test(cli(p, 'cluster', 'info').stdout));
        if (ok) return;
        if (Date.now() > end) throw new Error('Redis Cluster not healthy in time');
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    stop,
  };
  await handle.waitHealthy();
  return handle;
}
