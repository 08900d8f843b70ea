import type { ComponentHealth } from '@league/contracts';
import { useHealth } from '../api/monitoring';
import { Card } from './Card';

function Component({ name, health }: { name: string; health: ComponentHealth }) {
  return (
    <tr>
      <td>{name}</td>
      <td>
        <span className={`badge ${health.status}`}>{health.status}</span>
      </td>
      <td>{health.latency_ms === null ? '–' : `${health.latency_ms} ms`}</td>
      <td className="muted">{health.message}</td>
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
          <table>
            <tbody>
              <Component name="Database" health={h.database} />
              <Component name="Cache" health={h.cache} />
            </tbody>
          </table>
        </>
      )}
    </Card>
  );
}
