import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.token.js';
import { SessionService } from './session.service.js';

const CHANNEL = 'session_changed';
const RECONNECT_MS = 1_000;

/**
 * Listens to PostgreSQL's `session_changed` notifications (sent by triggers when a session is revoked or deleted,
 * or its user's role or name changes) and hands each session id to SessionService, which drops its cached copy.
 * PostgreSQL reaches every instance whether or not Redis does, so a logout or role change applies everywhere
 * within a round trip. While this connection is down, SessionService stops trusting its cache (fail closed).
 */
@Injectable()
export class SessionChangeListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Sessions');
  private client: pg.Client | null = null;
  private reconnect: NodeJS.Timeout | null = null;
  private stopped = false;
  private warned = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.reconnect) clearTimeout(this.reconnect);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped || !this.config.databaseUrl) return;
    const client = new pg.Client({ connectionString: this.config.databaseUrl, application_name: 'league-sessions' });
    client.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload) void this.sessions.changed(message.payload);
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.client = client;
      this.sessions.listening(true);
      if (this.warned) this.logger.log('Session change notifications restored');
      this.warned = false;
    } catch (error) {
      if (!this.warned) {
        this.logger.warn(
          `Session change notifications unavailable (${(error as Error).message}): sessions are checked in PostgreSQL`,
        );
        this.warned = true;
      }
      this.lost(client);
    }
  }

  private lost(client: pg.Client): void {
    if (this.client && this.client !== client) return;
    this.client = null;
    this.sessions.listening(false);
    client.end().catch(() => undefined);
    if (this.stopped || this.reconnect) return;
    this.reconnect = setTimeout(() => {
      this.reconnect = null;
      void this.connect();
    }, RECONNECT_MS);
    this.reconnect.unref();
  }
}
