import type { ErrorReport } from "./describe-error";

/** An error as a readable notice: what happened, what to do, and the code it came with. */
export function ErrorNotice({ report }: { report: ErrorReport }) {
  return (
    <div className="notice notice-error" role="alert" data-testid="error" data-code={report.code}>
      <strong className="notice-title">{report.title}</strong>
      <p className="notice-detail">{report.detail}</p>
      <p className="notice-meta">
        <code>{report.code}</code>
      </p>
    </div>
  );
}
