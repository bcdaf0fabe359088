import type { ReactNode } from 'react';
import { Brand } from '../../../components/brand';

/** The signed-out pages: the product mark and one centred card. */
export function AuthLayout({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle: string;
  children: ReactNode;
}) {
  return (
    <main className="auth-page">
      <div className="auth-column">
        <Brand size="lg" />
        <section className="auth-card" aria-labelledby="auth-title">
          <h1 id="auth-title" className="auth-title">
            {title}
          </h1>
          <p className="auth-subtitle">{subtitle}</p>
          {children}
        </section>
        <p className="auth-footnote">Lead-to-revenue analytics for the leadership team.</p>
      </div>
    </main>
  );
}

/** The signed-out pages' form: sent by the browser as a request, never as a page load. */
function AuthForm({
  onSubmit,
  testId,
  children,
}: {
  onSubmit: () => void;
  testId: string;
  children: ReactNode;
}) {
  return (
    <form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
      data-testid={testId}
      noValidate
    >
      {children}
    </form>
  );
}

interface AuthFormPageProps {
  title: string;
  subtitle: string;
  onSubmit: () => void;
  testId: string;
  /** Above the form, under the subtitle: the demo account's callout. */
  before?: ReactNode;
  children: ReactNode;
}

/** A signed-out page that is one form: sign in, the second factor, the first admin, an invitation. */
export function AuthFormPage({ title, subtitle, onSubmit, testId, before, children }: AuthFormPageProps) {
  return (
    <AuthLayout title={title} subtitle={subtitle}>
      {before}
      <AuthForm onSubmit={onSubmit} testId={testId}>
        {children}
      </AuthForm>
    </AuthLayout>
  );
}
