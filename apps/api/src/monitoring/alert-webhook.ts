import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Alert, AlertSeverity } from '@league/contracts';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.token.js';

export const SEVERITY_RANK: Record<AlertSeverity, number> = { info: 0, warning: 1, error: 2, critical: 3 };

/** The same fingerprint is sent at most once in this window; a flapping condition must not flood the channel. */
const PER_FINGERPRINT_MS = 5 * 60_000;
/** At most this many messages per minute overall; the rest are counted and summarised in the next message. */
const PER_MINUTE = 10;
const TIMEOUT_MS = 3_000;

/**
 * Outbound alert webhook (ALERT_WEBHOOK_URL): a Slack-compatible JSON POST (`text` plus `attachments`)
 * for new alerts at or above ALERT_WEBHOOK_MIN_SEVERITY. Throttled, fire-and-forget: a slow or failing
 * receiver never delays alert recording.
 */
@Injectable()
export class AlertWebhook {
  private readonly logger = new Logger('AlertWebhook');
  private readonly lastSent = new Map<string, number>();
  private windowStart = 0;
  private sentInWindow = 0;
  private suppressed = 0;
  /** Deliveries in flight, so tests and shutdown can wait for them. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  notify(alert: Alert): void {
    const url = this.config.monitoring.alertWebhookUrl;
    if (!url) return;
    if (SEVERITY_RANK[alert.severity] < SEVERITY_RANK[this.config.monitoring.alertWebhookMinSeverity]) return;
    const now = Date.now();
    const last = this.lastSent.get(alert.fingerprint);
    if (last !== undefined && now - last < PER_FINGERPRINT_MS) return;
    if (now - this.windowStart >= 60_000) {
      this.windowStart = now;
      this.sentInWindow = 0;
    }
    if (this.sentInWindow >= PER_MINUTE) {
      this.suppressed++;
      return;
    }
    this.sentInWindow++;
    this.lastSent.set(alert.fingerprint, now);
    if (this.lastSent.size > 10_000) this.lastSent.clear();
    const suppressed = this.suppressed;
    this.suppressed = 0;
    const delivery = this.post(url, slackMessage(alert, suppressed)).finally(() => this.inFlight.delete(delivery));
    this.inFlight.add(delivery);
  }

  async drain(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  private async post(url: string, body: unknown): Promise<void> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!response.ok) this.logger.warn(`Alert webhook answered ${response.status}`);
    } catch (error) {
      this.logger.warn(`Alert webhook failed: ${(error as Error).message}`);
    }
  }
}

const COLORS: Record<AlertSeverity, string> = {
  info: '#439FE0',
  warning: 'warning',
  error: 'danger',
  critical: 'danger',
};

/**
 * Slack's control characters escaped: alert text quotes user input (usernames, league names), and `<...>` would
 * otherwise become links or mentions (`<!channel>`) in the receiving channel.
 */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function slackMessage(alert: Alert, suppressed = 0): Record<string, unknown> {
  const note = suppressed ? ` (${suppressed} more alert(s) suppressed by throttling)` : '';
  return {
    text: `[${alert.severity.toUpperCase()}] ${slackEscape(alert.title)}${note}`,
    attachments: [
      {
        color: COLORS[alert.severity],
        title: slackEscape(alert.title),
        text: slackEscape(alert.message),
        fields: [
          { title: 'Type', value: slackEscape(alert.alert_type), short: true },
          { title: 'Severity', value: alert.severity, short: true },
          { title: 'Alert id', value: String(alert.id), short: true },
          { title: 'First seen', value: alert.first_seen, short: true },
        ],
        ts: Math.floor(new Date(alert.last_seen).getTime() / 1000),
      },
    ],
    alert,
  };
}
