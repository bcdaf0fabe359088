import { QueryCard } from '../../../components/query-card';
import { formatLongDate } from '../../../lib/format';
import { quarterName } from '../../../lib/quarters';
import { Link } from '../../../lib/router';
import type { Alert } from '../api/get-alerts';
import { useAlerts } from '../api/get-alerts';

const severityNames: Record<Alert['severity'], string> = {
  critical: 'Critical',
  warning: 'Warning',
  info: 'Info',
};

/** The open alerts (this quarter, company-wide), worst first; each opens the view behind it. */
export function AlertsList({ enabled = true }: { enabled?: boolean }) {
  const alerts = useAlerts(enabled);
  const data = alerts.data;
  return (
    <QueryCard
      id="alerts-heading"
      className="alerts-card"
      title="Open alerts"
      subtitle={
        data ? (
          `${quarterName(data.quarter)}, company-wide · as of ${formatLongDate(data.asOf)}`
        ) : (
          <span className="skeleton skeleton-text-short" />
        )
      }
      actions={
        data && data.alerts.length > 0 && <span className="alerts-count">{data.alerts.length} open</span>
      }
      query={alerts}
      errorTitle="The alerts could not be loaded"
      loading={
        <ul className="alerts" aria-hidden="true">
          {[0, 1, 2, 3].map((i) => (
            <li key={i} className="alert">
              <span className="skeleton skeleton-cell" />
              <span className="skeleton skeleton-line" />
            </li>
          ))}
        </ul>
      }
    >
      {(data) =>
        data.alerts.length === 0 ? (
          <p className="alerts-empty" data-testid="alerts-list">
            No open alerts: every target is pacing within 5%, and no sales-ready lead is waiting.
          </p>
        ) : (
          <ul className="alerts" data-testid="alerts-list">
            {data.alerts.map((alert) => (
              <li
                key={alert.id}
                className={`alert alert-${alert.severity}`}
                data-testid={`alert-${alert.id}`}
              >
                <span className="alert-severity">{severityNames[alert.severity]}</span>
                <Link to={alert.link} className="alert-title">
                  {alert.title}
                </Link>
                <svg className="alert-go" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                  <path d="M6 3.5 10.5 8 6 12.5" />
                </svg>
              </li>
            ))}
          </ul>
        )
      }
    </QueryCard>
  );
}
