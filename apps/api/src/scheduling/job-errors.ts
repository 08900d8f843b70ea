/** A manual run was asked for while another run of the job holds its lock. */
export class JobBusyError extends Error {
  constructor(
    readonly job: string,
    readonly holder: string | null,
  ) {
    super(`${job} is already running${holder ? ` on ${holder}` : ''}`);
    this.name = 'JobBusyError';
  }
}

export class UnknownJobError extends Error {
  constructor(readonly job: string) {
    super(`No job named ${job} is registered`);
    this.name = 'UnknownJobError';
  }
}

/** The instance is shutting down and starts no new run. */
export class SchedulerClosingError extends Error {
  constructor() {
    super('The scheduler is shutting down');
    this.name = 'SchedulerClosingError';
  }
}
