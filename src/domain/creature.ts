import { battleEvent, type BattleEvent, type CreatureRole } from "./battle-event";
import type { Dice } from "./dice.port";

/** The four whole-number stats every creature has. */
export interface CreatureStats {
  life: number;
  strength: number;
  charisma: number;
  weapon: number;
}

/** What the rabbit and the monsters share: stats, and how a hit lands on them. */
export abstract class Creature {
  protected constructor(
    readonly role: CreatureRole,
    public name: string,
    public life: number,
    public strength: number,
    public charisma: number,
    public weapon: number,
  ) {}

  /** Dead while life is at or below zero; a dead rabbit can still be revived by lettuce. */
  get alive(): boolean {
    return this.life > 0;
  }

  /** The four stats, as plain data. */
  stats(): CreatureStats {
    return {
      life: this.life,
      strength: this.strength,
      charisma: this.charisma,
      weapon: this.weapon,
    };
  }

  /**
   * Takes a hit of `damage` (docs/rules.md, "Taking a hit"): the charisma roll may power up magick
   * first, then the damage lands, then "died" is told whenever life is at or below zero, even if
   * it already was.
   */
  takeHit(damage: number, dice: Dice, turn: number): BattleEvent[] {
    const events: BattleEvent[] = [];
    const power = dice.roll(this.charisma);
    if (power % 9 === 7) {
      const event = battleEvent.magickPoweredUp(turn, this.role, this.name, power);
      this.life += event.lifeGained;
      events.push(event);
    }
    this.life -= damage;
    if (this.life <= 0) events.push(battleEvent.creatureDied(turn, this.role, this.name));
    return events;
  }
}
