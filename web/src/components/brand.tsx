/** The product mark: three rising bars, the lead → SRL → revenue climb. */
export function Brand({ size = 'md' }: { size?: 'md' | 'lg' }) {
  return (
    <span className={`brand brand-${size}`}>
      <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="7" />
        <path d="M9 21V15M16 21V11M23 21V8" />
      </svg>
      <span className="brand-name">SalesReady</span>
    </span>
  );
}
