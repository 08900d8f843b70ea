import net from 'node:net';
import { FaultProxy } from '../../../../tools/faults/fault-proxy.js';
import { TEST_REDIS_URL } from '../cache/cache-test-app.js';

/** Sends PING on a fresh or given socket and resolves with the reply, or 'timeout' after `ms`. */
function ping(socket: net.Socket, ms = 300): Promise<string> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => done('timeout'), ms);
    const onData = (d: Buffer) => done(d.toString().trim());
    const onClose = () => done('closed');
    function done(reply: string) {
      clearTimeout(timer);
      socket.off('data', onData).off('close', onClose);
      resolve(reply);
    }
    socket.on('data', onData).on('close', onClose);
    socket.write('PING\r\n');
  });
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.on('error', reject);
  });
}

describe('FaultProxy in front of Redis', () => {
  let proxy: FaultProxy;
  beforeEach(async () => {
    proxy = await FaultProxy.start(TEST_REDIS_URL);
  });
  afterEach(() => proxy.close());

  it('forwards, holds traffic while blackholed (the link stays open), and delivers it in order when healed', async () => {
    const socket = await connect(proxy.port);
    expect(await ping(socket)).toBe('+PONG');
    proxy.blackhole();
    expect(await ping(socket)).toBe('timeout');
    expect(socket.destroyed).toBe(false);
    // The held PING reaches Redis on heal and its reply comes back first: no command is paired with another's reply.
    const held = new Promise<string>((resolve) => socket.once('data', (d) => resolve(d.toString().trim())));
    proxy.heal();
    expect(await held).toBe('+PONG');
    socket.write('ECHO after\r\n');
    expect(await new Promise((resolve) => socket.once('data', (d) => resolve(d.toString())))).toBe('$5\r\nafter\r\n');
    socket.destroy();
  });

  it('cut resets open connections and refuses new ones until healed', async () => {
    const socket = await connect(proxy.port);
    socket.on('error', () => undefined);
    const closed = new Promise((r) => socket.on('close', r));
    proxy.cut();
    await closed;
    const refused = await connect(proxy.port).then(
      (s) => new Promise((r) => s.on('close', () => r('closed')).on('error', () => undefined)),
      () => 'refused',
    );
    expect(['closed', 'refused']).toContain(refused);
    proxy.heal();
    const again = await connect(proxy.port);
    expect(await ping(again)).toBe('+PONG');
    again.destroy();
  });

  it('delays every reply by at least the set delay, in order', async () => {
    const socket = await connect(proxy.port);
    proxy.setDelay(150);
    const started = performance.now();
    expect(await ping(socket, 2_000)).toBe('+PONG');
    // Request and reply are each held back: a lower bound cannot be met early, however busy the machine.
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    socket.destroy();
  });
});
