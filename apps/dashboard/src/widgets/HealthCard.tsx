import type { ComponentHealth } from '@league/contracts';
import { useHealth } from '../api/monitoring';
import { Card } from '../components/Card';
import { LocalTime } from '../components/LocalTime';

function Component({ name, health }: { name: string; health: ComponentHealth }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>
        <span className={`badge ${health.status}`}>{health.status}</span>
      </td>
      <td className="num">{health.latency_ms === null ? '–' : `${health.latency_ms} ms`}</td>
      <td className="muted">
        {health.message}
        <br />
        since <LocalTime iso={health.since} />
      </td>
    </tr>
  );
}

export function HealthCard() {
  return (
    <Card title="Health" query={useHealth()}>
      {(h) => (
        <>
          <p>
            Overall: <span className={`badge ${h.overall_status}`}>{h.overall_status}</span>
          </p>
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">Health of each component</caption>
              <tbody>
                <Component name="Database" health={h.database} />
                <Component name="Cache" health={h.cache} />
              </tbody>
            </table>
          </div>
        </>
      )}
    </Card>
  );
}
