/** A creature's life as a bar; `max` is the most life seen for it, so the bar starts full. */
export function LifeBar({ life, max, testId }: { life: number; max: number; testId: string }) {
  const share = max > 0 ? Math.max(0, Math.min(1, life / max)) : 0;
  const tone = share > 0.5 ? "good" : share > 0.2 ? "low" : "critical";
  return (
    <div className="life">
      <div
        className="life-bar"
        role="meter"
        aria-label="life"
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={Math.max(0, life)}
      >
        <div className={`life-fill life-${tone}`} style={{ width: `${share * 100}%` }} />
      </div>
      <span className="life-text">
        <span data-testid={testId}>{life}</span> / {max}
      </span>
    </div>
  );
}
