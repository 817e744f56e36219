/**
 * Small drawings for the page, inline SVG: emoji depend on the fonts a machine happens to have
 * (a bare Linux box shows empty boxes), and an icon font would be one more file to load.
 */
const PATHS = {
  rabbit: (
    <>
      <ellipse cx="8.5" cy="6" rx="2" ry="5" />
      <ellipse cx="15.5" cy="6" rx="2" ry="5" />
      <circle cx="12" cy="15" r="6.5" />
      <circle cx="9.6" cy="14" r="0.9" fill="var(--card)" />
      <circle cx="14.4" cy="14" r="0.9" fill="var(--card)" />
      <ellipse cx="12" cy="17" rx="1.2" ry="0.8" fill="var(--card)" />
    </>
  ),
  monster: (
    <>
      <path d="M4 9 L6 2 L9 7 Z M20 9 L18 2 L15 7 Z" />
      <path d="M3 13a9 8 0 0 1 18 0v8l-3-2-3 2-3-2-3 2-3-2-3 2z" />
      <circle cx="9" cy="12" r="1.6" fill="var(--card)" />
      <circle cx="15" cy="12" r="1.6" fill="var(--card)" />
      <path d="M9 16h6" stroke="var(--card)" strokeWidth="1.4" strokeLinecap="round" />
    </>
  ),
  BOOMERANG: (
    <path
      d="M4 5 L12 13 L20 5"
      fill="none"
      stroke="currentColor"
      strokeWidth="3.5"
      strokeLinecap="round"
      strokeLinejoin="round"
    />
  ),
  SWORD: (
    <>
      <path d="M19 3 L9 13" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
      <path d="M6 11 L13 18" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
      <path d="M8.5 15.5 L4 20" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" />
    </>
  ),
  LETTUCE: (
    <>
      <path d="M12 21C5 19 3 12 6 5c3 2 5 1 6-2 1 3 3 4 6 2 3 7 1 14-6 16z" />
      <path d="M12 20V9" stroke="var(--card)" strokeWidth="1.3" strokeLinecap="round" />
    </>
  ),
  BOMB: (
    <>
      <circle cx="10.5" cy="14" r="7" />
      <path d="M15 8.5 L17.5 6" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />
      <path
        d="M18 5.5 L19.5 3 M19 6.5 L21.5 6 M17.5 4.5 L16.5 2.5"
        stroke="var(--low)"
        strokeWidth="1.5"
        strokeLinecap="round"
      />
    </>
  ),
  trophy: (
    <>
      <path d="M7 3h10v5a5 5 0 0 1-10 0z" />
      <path
        d="M7 5H4a3 3 0 0 0 3 4M17 5h3a3 3 0 0 1-3 4"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
      />
      <path d="M11 13h2v4h-2zM8 18h8v3H8z" />
    </>
  ),
} as const;

/** The name of a drawing: a creature, a weapon, or the trophy. */
export type IconName = keyof typeof PATHS;

/** One drawing, in the current text colour, decorative (hidden from screen readers). */
export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg
      className={className ? `icon-svg ${className}` : "icon-svg"}
      viewBox="0 0 24 24"
      fill="currentColor"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name]}
    </svg>
  );
}
