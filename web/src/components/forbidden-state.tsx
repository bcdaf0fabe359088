/** A page the signed-in role may not use: say who can, rather than show a broken page. */
export function ForbiddenState({ title, text }: { title: string; text: string }) {
  return (
    <div className="state-panel state-empty" data-testid="forbidden">
      <svg className="state-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <rect x="5" y="10.5" width="14" height="9.5" rx="2" />
        <path d="M8.5 10.5V8a3.5 3.5 0 0 1 7 0v2.5" />
      </svg>
      <h1 className="state-title">{title}</h1>
      <p className="state-text">{text}</p>
    </div>
  );
}
