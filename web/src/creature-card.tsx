import type { ReactNode } from "react";
import { Icon } from "./icon";
import { LifeBar } from "./life-bar";

/** The four stats every creature has. */
export interface Stats {
  life: number;
  strength: number;
  charisma: number;
  weapon: number;
}

/** One side of the fight: a name, a life bar and the stats, plus anything extra (bombs). */
export function CreatureCard({
  role,
  name,
  stats,
  startLife,
  dead,
  children,
}: {
  role: "rabbit" | "monster";
  name: string;
  stats: Stats;
  /** The life it started with (see {@link LifeBar}). */
  startLife: number;
  dead: boolean;
  children?: ReactNode;
}) {
  return (
    <section className={`card creature creature-${role}${dead ? " creature-dead" : ""}`}>
      <header className="creature-head">
        <Icon name={role} className="creature-icon" />
        <h2 className="creature-name" data-testid={`${role}-name`}>
          {name}
        </h2>
        {dead && <span className="tag tag-dead">dead</span>}
      </header>
      <LifeBar life={stats.life} startLife={startLife} name={name} testId={`${role}-life`} />
      <dl className="stats">
        <div>
          <dt>strength</dt>
          <dd>{stats.strength}</dd>
        </div>
        <div>
          <dt>charisma</dt>
          <dd>{stats.charisma}</dd>
        </div>
        <div>
          <dt>weapon</dt>
          <dd>{stats.weapon}</dd>
        </div>
      </dl>
      {children}
    </section>
  );
}
