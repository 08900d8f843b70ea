import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AlertManager } from '../../src/monitoring/alert-manager.service.js';
import { AlertWebhook } from '../../src/monitoring/alert-webhook.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Outbound alert webhook delivered to a receiver of the test's own (node:http), Slack-compatible JSON. */
describe('alert webhook', () => {
  let t: TestApp;
  let receiver: http.Server;
  const received: Array<Record<string, any>> = [];

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ path: req.url, contentType: req.headers['content-type'], ...JSON.parse(body) });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    t = await startTestApp({
      env: {
        ALERT_WEBHOOK_URL: `http://127.0.0.1:${port}/hook`,
        ALERT_WEBHOOK_MIN_SEVERITY: 'warning',
        // No Redis: on a busy machine a slow cache call raises an alert of its own, which would be posted too.
        REDIS_ENABLED: 'false',
      },
    });
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => receiver.close(resolve));
  }, 60_000);

  async function raise(title: string, severity: 'info' | 'warning' | 'error' | 'critical', fingerprint?: string) {
    const result = await t.app.get(AlertManager).createAlert({ alert_type: 'security', severity, title, fingerprint });
    await t.app.get(AlertWebhook).drain();
    return result;
  }

  it('posts new alerts at or above the minimum severity as Slack-compatible JSON', async () => {
    await raise('Below the minimum', 'info');
    expect(received).toHaveLength(0);
    const { id } = await raise('Suspicious trading pattern', 'critical');
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      path: '/hook',
      contentType: 'application/json',
      text: '[CRITICAL] Suspicious trading pattern',
      attachments: [expect.objectContaining({ title: 'Suspicious trading pattern', color: 'danger' })],
      alert: expect.objectContaining({ id, severity: 'critical', alert_type: 'security' }),
    });
  });

  it('escapes Slack control characters in alert text (user input cannot ping a channel or forge a link)', async () => {
    const before = received.length;
    await raise('Login flood from <!channel> & <http://evil.example|your bank>', 'critical');
    const posted = received[before] as { text: string; attachments: Array<{ title: string }> };
    expect(posted.text).toBe(
      '[CRITICAL] Login flood from &lt;!channel&gt; &amp; &lt;http://evil.example|your bank&gt;',
    );
    expect(posted.attachments[0].title).not.toMatch(/[<>]/);
  });

  it('does not post repeats of an active alert, nor the same fingerprint again within the throttle window', async () => {
    const before = received.length;
    const first = await raise('Flapping condition', 'warning', 'flap');
    await raise('Flapping condition', 'warning', 'flap');
    expect(received.length).toBe(before + 1);
    await t.app.get(AlertManager).resolveAlert(first.id!, null);
    const reopened = await raise('Flapping condition', 'warning', 'flap');
    expect(reopened.created).toBe(true);
    expect(received.length).toBe(before + 1);
  });

  it('caps deliveries per minute without dropping the alerts themselves', async () => {
    const before = received.length;
    for (let i = 0; i < 12; i++) await raise(`Distinct alert ${i}`, 'error');
    const sent = received.length - before;
    // Three were sent in the tests above within this minute (unless the minute turned): at most 10 per minute.
    expect(sent).toBeLessThanOrEqual(10);
    expect(sent).toBeGreaterThanOrEqual(7);
    const rows = await t.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM system_alerts WHERE title LIKE 'Distinct alert %'`,
    );
    expect(Number(rows[0].n)).toBe(12); // throttling never drops the alert itself
  });
});
