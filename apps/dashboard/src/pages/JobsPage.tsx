import type { JobRunSort, JobRunView } from '@league/contracts';
import { call } from '../api/client';
import { useJobs, useWarmCache } from '../api/monitoring';
import { Card } from '../components/Card';
import { DataTable } from '../components/DataTable';
import { useServerSort } from '../components/server-sort';
import { useUrlState } from '../settings/url-state';
import { JobsTable, runColumns } from '../widgets/job-columns';
import { Page, pageNumber } from './Page';

const PAGE_SIZE = 25;
const OUTCOMES = ['running', 'ok', 'failed', 'skipped'];
const SORTS: JobRunSort[] = ['started_at', 'duration_ms', 'job', 'outcome'];

export default function JobsPage() {
  const [state, setState] = useUrlState({ job: '', outcome: '', page: '1' });
  const page = pageNumber(state.page);
  const sorting = useServerSort(runColumns, SORTS, { key: 'started_at', order: 'desc' });
  const filter = { job: state.job || undefined, outcome: state.outcome || undefined, ...sorting.params };
  const query = useJobs({ ...filter, page, page_size: PAGE_SIZE });
  const warm = useWarmCache();
  const filters = (
    <>
      <label className="picker">
        Job
        <select value={state.job} onChange={(e) => setState({ job: e.target.value, page: '1' })}>
          <option value="">all</option>
          {query.data?.jobs.map((j) => (
            <option key={j.name}>{j.name}</option>
          ))}
        </select>
      </label>
      <label className="picker">
        Outcome
        <select value={state.outcome} onChange={(e) => setState({ outcome: e.target.value, page: '1' })}>
          <option value="">all</option>
          {OUTCOMES.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      </label>
    </>
  );
  return (
    <Page title="Scheduled jobs">
      <Card
        title="Jobs"
        query={query}
        wide
        actions={
          <button type="button" onClick={() => warm.mutate('all')} disabled={warm.isPending}>
            {warm.isPending ? 'Warming…' : 'Warm all caches now'}
          </button>
        }
      >
        {(j) => (
          <>
            <p className="muted">
              This instance: {j.instance_id} · lock: {j.lock_backend}
            </p>
            <JobsTable jobs={j.jobs} />
            {warm.data && <p className="muted">Warming ran {warm.data.runs.length} jobs.</p>}
            {warm.error && <p role="alert">{warm.error.message}</p>}
          </>
        )}
      </Card>
      <Card title="Run history" query={query} wide actions={filters}>
        {(j) => (
          <DataTable
            caption="Job runs"
            columns={sorting.columns}
            sort={sorting.sort}
            onSort={sorting.onSort}
            rows={j.runs.items}
            rowKey={(r) => r.id}
            paging={{ page, pageSize: PAGE_SIZE, total: j.runs.total, onPage: (p) => setState({ page: String(p) }) }}
            exportName="job-runs"
            exportRows={() => fetchAllRuns(filter)}
            empty="No runs match."
          />
        )}
      </Card>
    </Page>
  );
}

/** Every run matching the filter (the history is a page inside the jobs response), at most 10,000. */
async function fetchAllRuns(filter: Record<string, string | undefined>): Promise<JobRunView[]> {
  const runs: JobRunView[] = [];
  for (let page = 1; runs.length < 10_000; page++) {
    const response = await call('get', '/admin/monitoring/jobs/json', { query: { ...filter, page, page_size: 200 } });
    runs.push(...response.runs.items);
    if (!response.runs.items.length || runs.length >= response.runs.total) break;
  }
  return runs;
}
