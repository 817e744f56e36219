import { Field, ID, InterfaceType } from "type-graphql";

/**
 * Global object identification: anything with an id a client may cache it by, and refetch with
 * `node(id:)`. Ids are opaque and unique across every type.
 */
@InterfaceType("Node", {
  description:
    "Something with an id of its own, unique among every kind of thing the game has: a client may cache it by that id and read it again with node(id:).",
  // Only a game has a rabbit.
  resolveType: (node: object) => ("rabbit" in node ? "Game" : "Monster"),
})
export abstract class NodeType {
  @Field(() => ID, { description: "Its id: opaque, and unique among everything the game has." })
  id!: string;
}
