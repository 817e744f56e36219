import type { Weapon } from "./gql/graphql";
import { Icon } from "./icon";

const WEAPONS: { weapon: Weapon; label: string; hint: string }[] = [
  { weapon: "BOOMERANG", label: "Boomerang", hint: "bonus 13" },
  { weapon: "SWORD", label: "Sword", hint: "bonus from the foe's life" },
  { weapon: "LETTUCE", label: "Lettuce", hint: "heals first, bonus 0" },
  { weapon: "BOMB", label: "Bomb", hint: "bonus 86" },
];

/** The rabbit's four weapons; one click is one turn. */
export function WeaponButtons({
  bombs,
  disabled,
  onAttack,
}: {
  bombs: number;
  disabled: boolean;
  onAttack: (weapon: Weapon) => void;
}) {
  return (
    <div className="weapons" role="group" aria-label="weapons">
      {WEAPONS.map(({ weapon, label, hint }) => (
        <button
          key={weapon}
          type="button"
          className="weapon"
          data-testid={`weapon-${weapon}`}
          disabled={disabled}
          onClick={() => onAttack(weapon)}
        >
          <Icon name={weapon} className={`weapon-icon weapon-icon-${weapon}`} />
          <span className="weapon-label">{label}</span>
          <span className="weapon-hint">
            {weapon === "BOMB" ? (
              <>
                <span data-testid="bombs-left">{bombs}</span> left · {hint}
              </>
            ) : (
              hint
            )}
          </span>
        </button>
      ))}
    </div>
  );
}
