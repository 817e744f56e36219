/**
 * The bar's full length: the creature's starting life, or its life now when magick or lettuce
 * has taken it higher (life has no ceiling in the rules). It follows from the game as it stands,
 * so every tab shows the same bar, and a fall after a power-up reads "9 / 10", not "9 / 17".
 */
export function lifeBarMax(life: number, startLife: number): number {
  return Math.max(startLife, life);
}

/** A creature's life as a bar, full at {@link lifeBarMax}; its title says what full means. */
export function LifeBar({
  life,
  startLife,
  name,
  testId,
}: {
  life: number;
  startLife: number;
  name: string;
  testId: string;
}) {
  const max = lifeBarMax(life, startLife);
  const share = max > 0 ? Math.max(0, Math.min(1, life / max)) : 0;
  const tone = share > 0.5 ? "good" : share > 0.2 ? "low" : "critical";
  const title = `Full bar: the life ${name} started with (${startLife}), or its life now when higher.`;
  return (
    <div className="life" title={title} data-testid={`${testId}-bar`}>
      <div
        className="life-bar"
        role="meter"
        aria-label={`${name}'s life`}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={Math.max(0, life)}
        aria-valuetext={`${life} of ${max}`}
      >
        <div className={`life-fill life-${tone}`} style={{ width: `${share * 100}%` }} />
      </div>
      <span className="life-text">
        <span data-testid={testId}>{life}</span> / <span data-testid={`${testId}-max`}>{max}</span>
      </span>
    </div>
  );
}
