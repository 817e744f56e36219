import { useState, type FormEvent } from "react";
import { useClient, useQuery } from "urql";
import { describeError, type ErrorReport } from "./describe-error";
import { ErrorNotice } from "./error-notice";
import type { MonsterInput } from "./gql/graphql";
import { BestiaryQuery, StartGameMutation } from "./operations";

type Stat = "life" | "strength" | "charisma" | "weapon";
const STATS: Stat[] = ["life", "strength", "charisma", "weapon"];

/** A row of the custom array as typed: numbers stay text until sent, so a field can be empty. */
type Row = { name: string } & Record<Stat, string>;

/** A short array that can be won, unlike the bestiary (whose Dragon wins in practice). */
const STARTER_ROWS: Row[] = [
  { name: "Snail", life: "20", strength: "1", charisma: "10", weapon: "1" },
  { name: "GiantSlug", life: "35", strength: "3", charisma: "25", weapon: "2" },
];

/**
 * Text to a whole number for the API. Anything else is sent as typed: the server owns the bounds
 * and the types, and refuses it with a message that says which monster and which stat.
 */
const toInt = (text: string): number =>
  /^\s*-?\d+\s*$/.test(text) ? Number(text) : (text as unknown as number);

/** Starts a game: the original bestiary or an editable custom array, with an optional seed. */
export function StartForm({ onStarted }: { onStarted: (gameId: string, token: string) => void }) {
  const client = useClient();
  const [{ data: bestiary, error: bestiaryError }] = useQuery({ query: BestiaryQuery });
  const [mode, setMode] = useState<"bestiary" | "custom">("custom");
  const [rows, setRows] = useState<Row[]>(STARTER_ROWS);
  const [seed, setSeed] = useState("");
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<ErrorReport>();

  const edit = (index: number, field: keyof Row, value: string) =>
    setRows((current) => current.map((row, i) => (i === index ? { ...row, [field]: value } : row)));

  const start = (event: FormEvent) => {
    event.preventDefault();
    const monsters: MonsterInput[] | undefined =
      mode === "custom"
        ? rows.map((row) => ({
            name: row.name,
            life: toInt(row.life),
            strength: toInt(row.strength),
            charisma: toInt(row.charisma),
            weapon: toInt(row.weapon),
          }))
        : undefined;
    const input = {
      ...(monsters ? { monsters } : {}),
      ...(seed.trim() === "" ? {} : { seed: toInt(seed) }),
    };
    setStarting(true);
    setError(undefined);
    void client
      .mutation(StartGameMutation, { input })
      .toPromise()
      .then((result) => {
        setStarting(false);
        if (result.data)
          onStarted(result.data.startGame.game.id, result.data.startGame.playerToken);
        else if (result.error) setError(describeError(result.error));
      });
  };

  return (
    // noValidate: the server checks every bound and names the field; the browser's own checks
    // would say less, and differently.
    <form className="card start" onSubmit={start} noValidate data-testid="start-form">
      <h2>Start a battle</h2>
      <fieldset className="modes">
        <legend>The array</legend>
        <label>
          <input
            type="radio"
            name="mode"
            data-testid="mode-custom"
            checked={mode === "custom"}
            onChange={() => setMode("custom")}
          />
          A custom array
        </label>
        <label>
          <input
            type="radio"
            name="mode"
            data-testid="mode-bestiary"
            checked={mode === "bestiary"}
            onChange={() => setMode("bestiary")}
          />
          The original bestiary
        </label>
      </fieldset>

      {mode === "custom" ? (
        <table className="monsters">
          <thead>
            <tr>
              <th>name</th>
              {STATS.map((stat) => (
                <th key={stat}>{stat}</th>
              ))}
              <th>
                <span className="sr-only">remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index} data-testid="monster-row">
                <td>
                  <input
                    aria-label={`monster ${index + 1} name`}
                    data-testid={`monster-${index}-name`}
                    value={row.name}
                    onChange={(e) => edit(index, "name", e.target.value)}
                  />
                </td>
                {STATS.map((stat) => (
                  <td key={stat}>
                    <input
                      className="number"
                      inputMode="numeric"
                      aria-label={`monster ${index + 1} ${stat}`}
                      data-testid={`monster-${index}-${stat}`}
                      value={row[stat]}
                      onChange={(e) => edit(index, stat, e.target.value)}
                    />
                  </td>
                ))}
                <td>
                  <button
                    type="button"
                    className="icon"
                    aria-label={`remove monster ${index + 1}`}
                    disabled={rows.length === 1}
                    onClick={() => setRows((current) => current.filter((_, i) => i !== index))}
                  >
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={6}>
                <button
                  type="button"
                  className="link"
                  data-testid="add-monster"
                  onClick={() =>
                    setRows((current) => [
                      ...current,
                      { name: "", life: "10", strength: "1", charisma: "1", weapon: "1" },
                    ])
                  }
                >
                  + add a monster
                </button>
              </td>
            </tr>
          </tfoot>
        </table>
      ) : bestiary ? (
        <table className="monsters" data-testid="bestiary">
          <thead>
            <tr>
              <th>name</th>
              {STATS.map((stat) => (
                <th key={stat}>{stat}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {bestiary.bestiary.map((monster) => (
              <tr key={monster.name}>
                <td>{monster.name}</td>
                {STATS.map((stat) => (
                  <td key={stat} className="number">
                    {monster[stat]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <caption>As in the original: a fight for glory, not one you can win.</caption>
        </table>
      ) : bestiaryError ? (
        <ErrorNotice report={describeError(bestiaryError)} />
      ) : (
        <p className="muted">Loading the bestiary…</p>
      )}

      <div className="start-foot">
        <label className="seed">
          Seed <span className="muted">(optional: the same seed and weapons replay a battle)</span>
          <input
            className="number"
            inputMode="numeric"
            data-testid="seed"
            value={seed}
            placeholder="random"
            onChange={(e) => setSeed(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" data-testid="start" disabled={starting}>
          {starting ? "Starting…" : "Start the battle"}
        </button>
      </div>
      {error && <ErrorNotice report={error} />}
    </form>
  );
}
