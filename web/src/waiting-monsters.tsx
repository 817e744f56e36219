import type { GameFieldsFragment } from "./gql/graphql";

/** The monsters behind the front one, in the order they will emerge. */
export function WaitingMonsters({ monsters }: { monsters: GameFieldsFragment["waitingMonsters"] }) {
  return (
    <section className="card waiting">
      <h2>Waiting in the array</h2>
      {monsters.length === 0 ? (
        <p className="muted">Nobody: the front monster is the last one.</p>
      ) : (
        <ol className="waiting-list" data-testid="waiting">
          {monsters.map((monster) => (
            <li key={monster.id}>
              <span className="waiting-name">{monster.name}</span>
              <span className="waiting-stats">
                life {monster.life} · str {monster.strength} · cha {monster.charisma} · wpn{" "}
                {monster.weapon}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
