import { useJobs } from '../api/monitoring';
import { Card } from '../components/Card';
import { JobsTable } from './job-columns';

export function JobsCard() {
  return (
    <Card title="Scheduled jobs" to="jobs" query={useJobs({ page_size: 10 })}>
      {(j) => <JobsTable jobs={j.jobs} />}
    </Card>
  );
}
