import { Monster, type MonsterState } from "./monster";

/** The queue of monsters, front first; the front one is the one the rabbit fights. */
export class DwemthyArray {
  private readonly monsters: Monster[];

  constructor(monsters: readonly MonsterState[]) {
    this.monsters = monsters.map((m) => new Monster(m.id, m));
  }

  /** The monster being fought, or undefined once the array is decimated. */
  get front(): Monster | undefined {
    return this.monsters[0];
  }

  /** Removes the front monster (it died) and returns the next one, if any. */
  removeFront(): Monster | undefined {
    this.monsters.shift();
    return this.front;
  }

  /** The monster with this id, if it is still in the array. */
  find(id: string): Monster | undefined {
    return this.monsters.find((m) => m.id === id);
  }

  /** All monsters left, front first, as plain data. */
  toState(): MonsterState[] {
    return this.monsters.map((m) => m.toState());
  }
}
