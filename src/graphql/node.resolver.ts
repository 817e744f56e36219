import { inject, injectable } from "tsyringe";
import { Arg, ID, Query, Resolver } from "type-graphql";
import { GameService } from "../domain/game-service";
import { toGameType, toMonsterType } from "./game.mapper";
import type { GameType } from "./game.type";
import type { MonsterType } from "./monster.type";
import { parseNodeId } from "./node-id";
import { NodeType } from "./node.type";

/** Global object identification: anything by its id. */
@injectable()
@Resolver()
export class NodeResolver {
  constructor(@inject(GameService) private readonly games: GameService) {}

  @Query(() => NodeType, {
    nullable: true,
    description:
      "A game or a monster by its id; null when there is no such thing (a monster that died has left its game). What a client cache refetches by.",
  })
  async node(
    @Arg("id", () => ID, { description: "Its id." }) id: string,
  ): Promise<GameType | MonsterType | null> {
    const ref = parseNodeId(id);
    const game = ref && (await this.games.getGame(ref.gameId));
    if (!ref || !game) return null;
    if (ref.type === "Game") return toGameType(game);
    const monster = game.monsters.find((m) => m.id === ref.monsterId);
    return monster ? toMonsterType(game.id, monster) : null;
  }
}
