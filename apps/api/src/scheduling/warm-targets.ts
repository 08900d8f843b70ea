import { Injectable } from '@nestjs/common';

const TARGET_NAME = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * What `POST /admin/monitoring/cache/warm {target}` may warm: each target stands for one or more registered jobs
 * (`leaderboards` -> warm_leaderboards, `all` -> every warmer). The warming step registers its targets here.
 */
@Injectable()
export class WarmTargets {
  private readonly targets = new Map<string, string[]>();

  register(target: string, jobs: string[]): void {
    if (!TARGET_NAME.test(target)) throw new Error(`Invalid warm target ${JSON.stringify(target)}: use snake_case`);
    if (!jobs.length) throw new Error(`Warm target ${target} needs at least one job`);
    this.targets.set(target, [...jobs]);
  }

  jobsFor(target: string): string[] | null {
    return this.targets.get(target) ?? null;
  }

  names(): string[] {
    return [...this.targets.keys()].sort();
  }
}
