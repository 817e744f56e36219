/* eslint-disable */
/** schema.graphql's object, interface and union types, as Graphcache's `schema` option reads them. */
export const cacheSchema = {
  "__schema": {
    "queryType": {
      "name": "Query"
    },
    "mutationType": {
      "name": "Mutation"
    },
    "subscriptionType": {
      "name": "Subscription"
    },
    "types": [
      {
        "kind": "OBJECT",
        "name": "AbandonGamePayload",
        "interfaces": [],
        "fields": [
          {
            "name": "abandonedGameId",
            "type": {
              "kind": "SCALAR",
              "name": "ID"
            },
            "args": []
          },
          {
            "name": "userErrors",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "LIST",
                "ofType": {
                  "kind": "NON_NULL",
                  "ofType": {
                    "kind": "OBJECT",
                    "name": "AbandonGameUserError"
                  }
                }
              }
            },
            "args": []
          }
        ]
      },
      {
        "kind": "OBJECT",
        "name": "AbandonGameUserError",
        "interfaces": [
          {
            "name": "UserError"
          }
        ],
        "fields": [
          {
            "name": "code",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "ENUM",
                "name": "AbandonGameErrorCode"
              }
            },
            "args": []
          },
          {
            "name": "field",
            "type": {
              "kind": "LIST",
              "ofType": {
                "kind": "NON_NULL",
                "ofType": {
                  "kind": "SCALAR",
                  "name": "String"
                }
              }
            },
            "args": []
          },
          {
            "name": "message",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "String"
              }
            },
            "args": []
          }
        ]
      },
      {
        "kind": "OBJECT",
        "name": "ArrayDecimatedEvent",
        "interfaces": [
          {
            "name": "BattleEvent"
          }
        ],
        "fields": [
          {
            "name": "message",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "String"
              }
            },
            "args": []
          },
          {
            "name": "turn",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Int"
              }
            },
            "args": []
          }
        ]
      },
      {
        "kind": "OBJECT",
        "name": "AttackPayload",
        "interfaces": [],
        "fields": [
          {
            "name": "events",
            "type": {
              "kind": "LIST",
              "ofType": {
                "kind": "NON_NULL",
                "ofType": {
                  "kind": "INTERFACE",
                  "name": "BattleEvent"
                }
              }
            },
            "args": []
          },
          {
            "name": "game",
            "type": {
              "kind": "OBJECT",
              "name": "Game"
            },
            "args": []
          },
          {
            "name": "userErrors",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "LIST",
                "ofType": {
                  "kind": "NON_NULL",
                  "ofType": {
                    "kind": "OBJECT",
                    "name": "AttackUserError"
                  }
                }
              }
            },
            "args": []
          }
        ]
      },
      {
        "kind": "OBJECT",
        "name": "AttackUserError",
        "interfaces": [
          {
            "name": "UserError"
          }
        ],
        "fields": [
          {
            "name": "code",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "ENUM",
                "name": "AttackErrorCode"
              }
            },
            "args": []
          },
          {
            "name": "field",
            "type": {
              "kind": "LIST",
              "ofType": {
                "kind": "NON_NULL",
                "ofType": {
                  "kind": "SCALAR",
                  "name": "String"
                }
              }
            },
            "args": []
          },
          {
            "name": "message",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "String"
              }
            },
            "args": []
          }
        ]
      },
      {
        "kind": "INTERFACE",
        "name": "BattleEvent",
        "interfaces": [],
        "fields": [
          {
            "name": "message",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "String"
              }
            },
            "args": []
          },
          {
            "name": "turn",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Int"
              }
            },
            "args": []
          }
        ]
      },
      {
        "kind": "OBJECT",
        "name": "BattleEventConnection",
        "interfaces": [],
        "fields": [
          {
            "name": "edges",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "LIST",
                "ofType": {
                  "kind": "NON_NULL",
                  "ofType": {
                    "kind": "OBJECT",
                    "name": "BattleEventEdge"
                  }
                }
              }
            },
            "args": []
          },
          {
            "name": "nodes",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "LIST",
                "ofType": {
                  "kind": "NON_NULL",
                  "ofType": {
                    "kind": "INTERFACE",
                    "name": "BattleEvent"
                  }
                }
              }
            },
            "args": []
          },
          {
            "name": "oldestTurnKept",
            "type": {
              "kind": "SCALAR",
              "name": "Int"
            },
            "args": []
          },
          {
            "name": "pageInfo",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "OBJECT",
                "name": "PageInfo"
              }
            },
            "args": []
          }
        ]
      },
      {
        "kind": "OBJECT",
        "name": "BattleEventEdge",
        "interfaces": [],
        "fields": [
          {
            "name": "cursor",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "String"
              }
            },
            "args": []
          },
          {
            "name": "node",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "INTERFACE",
                "name": "BattleEvent"
              }
            },
            "args": []
          }
        ]
      },
      {
        "kind": "OBJECT",
        "name": "BattleTurn",
        "interfaces": [],
        "fields": [
          {
            "name": "events",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "LIST",
                "ofType": {
                  "kind": "NON_NULL",
                  "ofType": {
                    "kind": "INTERFACE",
                    "name": "BattleEvent"
                  }
                }
              }
            },
            "args": []
          },
          {
            "name": "game",
            "type": {
              "kind": "OBJECT",
              "name": "Game"
            },
            "args": []
          },
          {
            "name": "turn",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Int"
              }
            },
            "args": []
          }
        ]
      },
      {
        "kind": "OBJECT",
        "name": "BombsRanOutEvent",
        "interfaces": [
          {
            "name": "BattleEvent"
          }
        ],
        "fields": [
          {
            "name": "message",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "String"
              }
            },
            "args": []
          },
          {
            "name": "turn",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Int"
              }
            },
            "args": []
          }
        ]
      },
      {
        "kind": "OBJECT",
        "name": "CreatureDiedEvent",
        "interfaces": [
          {
            "name": "BattleEvent"
          }
        ],
        "fields": [
          {
            "name": "creatureName",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "String"
              }
            },
            "args": []
          },
          {
            "name": "message",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "String"
              }
            },
            "args": []
          },
          {
            "name": "role",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "ENUM",
                "name": "CreatureRole"
              }
            },
            "args": []
          },
          {
            "name": "turn",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Int"
              }
            },
            "args": []
          }
        ]
      },
      {
        "kind": "OBJECT",
        "name": "Game",
        "interfaces": [
          {
            "name": "Node"
          }
        ],
        "fields": [
          {
            "name": "createdAt",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "DateTime"
              }
            },
            "args": []
          },
          {
            "name": "currentMonster",
            "type": {
              "kind": "OBJECT",
              "name": "Monster"
            },
            "args": []
          },
          {
            "name": "events",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "OBJECT",
                "name": "BattleEventConnection"
              }
            },
            "args": [
              {
                "name": "after"
              },
              {
                "name": "before"
              },
              {
                "name": "first"
              },
              {
                "name": "last"
              }
            ]
          },
          {
            "name": "id",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "ID"
              }
            },
            "args": []
          },
          {
            "name": "monstersRemaining",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Int"
              }
            },
            "args": []
          },
          {
            "name": "rabbit",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "OBJECT",
                "name": "Rabbit"
              }
            },
            "args": []
          },
          {
            "name": "status",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "ENUM",
                "name": "GameStatus"
              }
            },
            "args": []
          },
          {
            "name": "turn",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Int"
              }
            },
            "args": []
          },
          {
            "name": "updatedAt",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "DateTime"
              }
            },
            "args": []
          },
          {
            "name": "version",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Int"
              }
            },
            "args": []
          },
          {
            "name": "waitingMonsters",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "LIST",
                "ofType": {
                  "kind": "NON_NULL",
                  "ofType": {
                    "kind": "OBJECT",
                    "name": "Monster"
                  }
                }
              }
            },
            "args": []
          }
        ]
      },
      {
        "kind": "OBJECT",
        "name": "LettuceEatenEvent",
        "interfaces": [
          {
            "name": "BattleEvent"
          }
        ],
        "fields": [
          {
            "name": "heal",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Int"
              }
            },
            "args": []
          },
          {
            "name": "message",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "String"
              }
            },
            "args": []
          },
          {
            "name": "turn",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Int"
              }
            },
            "args": []
          }
        ]
      },
      {
        "kind": "OBJECT",
        "name": "MagickPoweredUpEvent",
        "interfaces": [
          {
            "name": "BattleEvent"
          }
        ],
        "fields": [
          {
            "name": "creatureName",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "String"
              }
            },
            "args": []
          },
          {
            "name": "lifeGained",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Int"
              }
            },
            "args": []
          },
          {
            "name": "message",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "String"
              }
            },
            "args": []
          },
          {
            "name": "power",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Int"
              }
            },
            "args": []
          },
          {
            "name": "role",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "ENUM",
                "name": "CreatureRole"
              }
            },
            "args": []
          },
          {
            "name": "turn",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Int"
              }
            },
            "args": []
          }
        ]
      },
      {
        "kind": "OBJECT",
        "name": "Monster",
        "interfaces": [
          {
            "name": "Node"
          }
        ],
        "fields": [
          {
            "name": "charisma",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Int"
              }
            },
            "args": []
          },
          {
            "name": "id",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "ID"
              }
            },
            "args": []
          },
          {
            "name": "life",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "SafeInt"
              }
            },
            "args": []
          },
          {
            "name": "name",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "String"
              }
            },
            "args": []
          },
          {
            "name": "strength",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Int"
              }
            },
            "args": []
          },
          {
            "name": "weapon",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Int"
              }
            },
            "args": []
          }
        ]
      },
      {
        "kind": "OBJECT",
        "name": "MonsterEmergedEvent",
        "interfaces": [
          {
            "name": "BattleEvent"
          }
        ],
        "fields": [
          {
            "name": "message",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "String"
              }
            },
            "args": []
          },
          {
            "name": "monsterId",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "ID"
              }
            },
            "args": []
          },
          {
            "name": "monsterName",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "String"
              }
            },
            "args": []
          },
          {
            "name": "turn",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Int"
              }
            },
            "args": []
          }
        ]
      },
      {
        "kind": "OBJECT",
        "name": "MonsterHitRabbitEvent",
        "interfaces": [
          {
            "name": "BattleEvent"
          }
        ],
        "fields": [
          {
            "name": "damage",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Int"
              }
            },
            "args": []
          },
          {
            "name": "message",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "String"
              }
            },
            "args": []
          },
          {
            "name": "monsterName",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "String"
              }
            },
            "args": []
          },
          {
            "name": "turn",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Int"
              }
            },
            "args": []
          }
        ]
      },
      {
        "kind": "OBJECT",
        "name": "MonsterTemplate",
        "interfaces": [],
        "fields": [
          {
            "name": "charisma",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Int"
              }
            },
            "args": []
          },
          {
            "name": "life",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Int"
              }
            },
            "args": []
          },
          {
            "name": "name",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "String"
              }
            },
            "args": []
          },
          {
            "name": "strength",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Int"
              }
            },
            "args": []
          },
          {
            "name": "weapon",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Int"
              }
            },
            "args": []
          }
        ]
      },
      {
        "kind": "OBJECT",
        "name": "Mutation",
        "interfaces": [],
        "fields": [
          {
            "name": "abandonGame",
            "type": {
              "kind": "OBJECT",
              "name": "AbandonGamePayload"
            },
            "args": [
              {
                "name": "input"
              }
            ]
          },
          {
            "name": "attack",
            "type": {
              "kind": "OBJECT",
              "name": "AttackPayload"
            },
            "args": [
              {
                "name": "input"
              }
            ]
          },
          {
            "name": "startGame",
            "type": {
              "kind": "OBJECT",
              "name": "StartGamePayload"
            },
            "args": [
              {
                "name": "input"
              }
            ]
          },
          {
            "name": "updateMonster",
            "type": {
              "kind": "OBJECT",
              "name": "UpdateMonsterPayload"
            },
            "args": [
              {
                "name": "input"
              }
            ]
          }
        ]
      },
      {
        "kind": "INTERFACE",
        "name": "Node",
        "interfaces": [],
        "fields": [
          {
            "name": "id",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "ID"
              }
            },
            "args": []
          }
        ]
      },
      {
        "kind": "OBJECT",
        "name": "PageInfo",
        "interfaces": [],
        "fields": [
          {
            "name": "endCursor",
            "type": {
              "kind": "SCALAR",
              "name": "String"
            },
            "args": []
          },
          {
            "name": "hasNextPage",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Boolean"
              }
            },
            "args": []
          },
          {
            "name": "hasPreviousPage",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Boolean"
              }
            },
            "args": []
          },
          {
            "name": "startCursor",
            "type": {
              "kind": "SCALAR",
              "name": "String"
            },
            "args": []
          }
        ]
      },
      {
        "kind": "OBJECT",
        "name": "Query",
        "interfaces": [],
        "fields": [
          {
            "name": "bestiary",
            "type": {
              "kind": "LIST",
              "ofType": {
                "kind": "NON_NULL",
                "ofType": {
                  "kind": "OBJECT",
                  "name": "MonsterTemplate"
                }
              }
            },
            "args": []
          },
          {
            "name": "game",
            "type": {
              "kind": "OBJECT",
              "name": "Game"
            },
            "args": [
              {
                "name": "id"
              }
            ]
          },
          {
            "name": "node",
            "type": {
              "kind": "INTERFACE",
              "name": "Node"
            },
            "args": [
              {
                "name": "id"
              }
            ]
          }
        ]
      },
      {
        "kind": "OBJECT",
        "name": "Rabbit",
        "interfaces": [],
        "fields": [
          {
            "name": "alive",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Boolean"
              }
            },
            "args": []
          },
          {
            "name": "bombs",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Int"
              }
            },
            "args": []
          },
          {
            "name": "charisma",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Int"
              }
            },
            "args": []
          },
          {
            "name": "life",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "SafeInt"
              }
            },
            "args": []
          },
          {
            "name": "strength",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Int"
              }
            },
            "args": []
          },
          {
            "name": "weapon",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Int"
              }
            },
            "args": []
          }
        ]
      },
      {
        "kind": "OBJECT",
        "name": "RabbitHitMonsterEvent",
        "interfaces": [
          {
            "name": "BattleEvent"
          }
        ],
        "fields": [
          {
            "name": "damage",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Int"
              }
            },
            "args": []
          },
          {
            "name": "message",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "String"
              }
            },
            "args": []
          },
          {
            "name": "monsterName",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "String"
              }
            },
            "args": []
          },
          {
            "name": "turn",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Int"
              }
            },
            "args": []
          },
          {
            "name": "weapon",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "ENUM",
                "name": "Weapon"
              }
            },
            "args": []
          }
        ]
      },
      {
        "kind": "OBJECT",
        "name": "RabbitWasTooDeadToFightEvent",
        "interfaces": [
          {
            "name": "BattleEvent"
          }
        ],
        "fields": [
          {
            "name": "message",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "String"
              }
            },
            "args": []
          },
          {
            "name": "turn",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "Int"
              }
            },
            "args": []
          }
        ]
      },
      {
        "kind": "OBJECT",
        "name": "StartGamePayload",
        "interfaces": [],
        "fields": [
          {
            "name": "events",
            "type": {
              "kind": "LIST",
              "ofType": {
                "kind": "NON_NULL",
                "ofType": {
                  "kind": "INTERFACE",
                  "name": "BattleEvent"
                }
              }
            },
            "args": []
          },
          {
            "name": "game",
            "type": {
              "kind": "OBJECT",
              "name": "Game"
            },
            "args": []
          },
          {
            "name": "playerToken",
            "type": {
              "kind": "SCALAR",
              "name": "String"
            },
            "args": []
          },
          {
            "name": "userErrors",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "LIST",
                "ofType": {
                  "kind": "NON_NULL",
                  "ofType": {
                    "kind": "OBJECT",
                    "name": "StartGameUserError"
                  }
                }
              }
            },
            "args": []
          }
        ]
      },
      {
        "kind": "OBJECT",
        "name": "StartGameUserError",
        "interfaces": [
          {
            "name": "UserError"
          }
        ],
        "fields": [
          {
            "name": "code",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "ENUM",
                "name": "StartGameErrorCode"
              }
            },
            "args": []
          },
          {
            "name": "field",
            "type": {
              "kind": "LIST",
              "ofType": {
                "kind": "NON_NULL",
                "ofType": {
                  "kind": "SCALAR",
                  "name": "String"
                }
              }
            },
            "args": []
          },
          {
            "name": "message",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "String"
              }
            },
            "args": []
          }
        ]
      },
      {
        "kind": "OBJECT",
        "name": "Subscription",
        "interfaces": [],
        "fields": [
          {
            "name": "battleTurns",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "OBJECT",
                "name": "BattleTurn"
              }
            },
            "args": [
              {
                "name": "fromTurn"
              },
              {
                "name": "gameId"
              }
            ]
          }
        ]
      },
      {
        "kind": "OBJECT",
        "name": "UpdateMonsterPayload",
        "interfaces": [],
        "fields": [
          {
            "name": "game",
            "type": {
              "kind": "OBJECT",
              "name": "Game"
            },
            "args": []
          },
          {
            "name": "monster",
            "type": {
              "kind": "OBJECT",
              "name": "Monster"
            },
            "args": []
          },
          {
            "name": "userErrors",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "LIST",
                "ofType": {
                  "kind": "NON_NULL",
                  "ofType": {
                    "kind": "OBJECT",
                    "name": "UpdateMonsterUserError"
                  }
                }
              }
            },
            "args": []
          }
        ]
      },
      {
        "kind": "OBJECT",
        "name": "UpdateMonsterUserError",
        "interfaces": [
          {
            "name": "UserError"
          }
        ],
        "fields": [
          {
            "name": "code",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "ENUM",
                "name": "UpdateMonsterErrorCode"
              }
            },
            "args": []
          },
          {
            "name": "field",
            "type": {
              "kind": "LIST",
              "ofType": {
                "kind": "NON_NULL",
                "ofType": {
                  "kind": "SCALAR",
                  "name": "String"
                }
              }
            },
            "args": []
          },
          {
            "name": "message",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "String"
              }
            },
            "args": []
          }
        ]
      },
      {
        "kind": "INTERFACE",
        "name": "UserError",
        "interfaces": [],
        "fields": [
          {
            "name": "field",
            "type": {
              "kind": "LIST",
              "ofType": {
                "kind": "NON_NULL",
                "ofType": {
                  "kind": "SCALAR",
                  "name": "String"
                }
              }
            },
            "args": []
          },
          {
            "name": "message",
            "type": {
              "kind": "NON_NULL",
              "ofType": {
                "kind": "SCALAR",
                "name": "String"
              }
            },
            "args": []
          }
        ]
      }
    ]
  }
};

/** The object types of schema.graphql without an `id`: embedded in their parent. */
export const embeddedTypes: string[] = [
  "AbandonGamePayload",
  "AbandonGameUserError",
  "ArrayDecimatedEvent",
  "AttackPayload",
  "AttackUserError",
  "BattleEventConnection",
  "BattleEventEdge",
  "BattleTurn",
  "BombsRanOutEvent",
  "CreatureDiedEvent",
  "LettuceEatenEvent",
  "MagickPoweredUpEvent",
  "MonsterEmergedEvent",
  "MonsterHitRabbitEvent",
  "MonsterTemplate",
  "PageInfo",
  "Rabbit",
  "RabbitHitMonsterEvent",
  "RabbitWasTooDeadToFightEvent",
  "StartGamePayload",
  "StartGameUserError",
  "UpdateMonsterPayload",
  "UpdateMonsterUserError"
];
