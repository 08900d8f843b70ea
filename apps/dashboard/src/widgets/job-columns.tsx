import type { JobRunView, JobStatusView } from '@league/contracts';
import { DataTable, type Column } from '../components/DataTable';
import { LocalTime } from '../components/LocalTime';

export const outcomeBadge = (outcome: string) => (
  <span className={`badge ${outcome === 'failed' ? 'error' : outcome === 'skipped' ? 'warning' : 'info'}`}>
    {outcome}
  </span>
);

export const jobColumns: Array<Column<JobStatusView>> = [
  { key: 'name', label: 'Job', value: (j) => j.name },
  { key: 'schedule', label: 'Schedule', value: (j) => j.schedule },
  {
    key: 'last_run',
    label: 'Last run',
    value: (j) => j.last_run?.outcome ?? null,
    render: (j) =>
      j.running ? (
        outcomeBadge('running')
      ) : j.last_run ? (
        <>
          {outcomeBadge(j.last_run.outcome)} {j.last_run.duration_ms ?? '–'} ms
        </>
      ) : (
        '–'
      ),
  },
  {
    key: 'next_run_at',
    label: 'Next',
    value: (j) => j.next_run_at,
    render: (j) => <LocalTime iso={j.next_run_at} time />,
  },
];

export const runColumns: Array<Column<JobRunView>> = [
  { key: 'job', label: 'Job', value: (r) => r.job },
  { key: 'trigger', label: 'Trigger', value: (r) => r.trigger },
  {
    key: 'started_at',
    label: 'Started',
    value: (r) => r.started_at,
    render: (r) => <LocalTime iso={r.started_at} />,
  },
  { key: 'duration_ms', label: 'ms', value: (r) => r.duration_ms, numeric: true },
  { key: 'outcome', label: 'Outcome', value: (r) => r.outcome, render: (r) => outcomeBadge(r.outcome) },
  { key: 'keys_warmed', label: 'Keys warmed', value: (r) => r.keys_warmed, numeric: true },
  { key: 'items_processed', label: 'Items', value: (r) => r.items_processed, numeric: true },
  { key: 'instance_id', label: 'Instance', value: (r) => r.instance_id },
  { key: 'error', label: 'Error', value: (r) => r.error },
];

/** The scheduled jobs with their state, as the card and the jobs page show them. */
export function JobsTable({ jobs }: { jobs: JobStatusView[] }) {
  return (
    <DataTable caption="Jobs" columns={jobColumns} rows={jobs} rowKey={(job) => job.name} empty="No jobs scheduled." />
  );
}
