/** The general settings' place while they load: three sections of two rows. */
export function GeneralSkeleton() {
  return (
    <div className="card settings-card" aria-busy="true" data-testid="settings-general">
      {[0, 1, 2].map((i) => (
        <div key={i} className="settings-section">
          <div className="settings-section-head">
            <span className="skeleton skeleton-cell-wide" />
          </div>
          <div className="settings-rows">
            {[0, 1].map((j) => (
              <div key={j} className="setting-row">
                <div className="setting-text">
                  <span className="skeleton skeleton-text-short" />
                </div>
                <span className="skeleton skeleton-bar-thin" />
              </div>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
