import { useJobs } from '../api/monitoring';
import { Card } from '../components/Card';
import { DataTable } from '../components/DataTable';
import { jobColumns } from './job-columns';

export function JobsCard() {
  return (
    <Card title="Scheduled jobs" to="jobs" query={useJobs({ page_size: 10 })}>
      {(j) => (
        <DataTable
          caption="Jobs"
          columns={jobColumns}
          rows={j.jobs}
          rowKey={(job) => job.name}
          empty="No jobs scheduled."
        />
      )}
    </Card>
  );
}
