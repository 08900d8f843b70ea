import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { LiveResponse, ReadyResponse } from '@league/contracts';
import { Public } from '../auth/public.decorator.js';

const READY_TIMEOUT_MS = 2_000;

/** Liveness and readiness for load balancers and orchestrators. Public, and they reveal nothing sensitive. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: DataSource) {}

  @Public()
  @Get('live')
  live(): LiveResponse {
    return { status: 'ok', uptime_s: Math.round(process.uptime()) };
  }

  @Public()
  @Get('ready')
  async ready(): Promise<ReadyResponse> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.db.query('SELECT 1'),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS))),
      ]);
      return { status: 'ready' };
    } catch {
      throw new ServiceUnavailableException('Database unreachable');
    } finally {
      clearTimeout(timer);
    }
  }
}
