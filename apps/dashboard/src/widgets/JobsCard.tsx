import { useJobs } from '../api/monitoring';
import { Card } from './Card';

export function JobsCard() {
  return (
    <Card title="Scheduled jobs" query={useJobs()}>
      {(j) => (
        <table>
          <thead>
            <tr>
              <th>Job</th>
              <th>Schedule</th>
              <th>Last run</th>
              <th>Next</th>
            </tr>
          </thead>
          <tbody>
            {j.jobs.map((job) => (
              <tr key={job.name}>
                <td>{job.name}</td>
                <td className="muted">{job.schedule}</td>
                <td>
                  {job.last_run ? (
                    <span className={`badge ${job.last_run.outcome === 'failed' ? 'error' : 'info'}`}>
                      {job.last_run.outcome} · {job.last_run.duration_ms ?? '–'} ms
                    </span>
                  ) : (
                    '–'
                  )}
                </td>
                <td className="muted">{job.next_run_at ? new Date(job.next_run_at).toLocaleTimeString() : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
