import { Fragment, useState, type FormEvent } from "react";
import { useClient, useQuery } from "urql";
import {
  describeError,
  describeUserError,
  reportFor,
  type ErrorReport,
  type UserError,
} from "./describe-error";
import { ErrorNotice } from "./error-notice";
import {
  fieldFromPath,
  parseInt32,
  problemSentence,
  sameField,
  type FieldKey,
} from "./field-problems";
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

/** Why the start was refused, and the input at fault when the form shows it. */
interface Problem {
  report: ErrorReport;
  field?: FieldKey;
}

/** The id of the sentence beside the input at fault, for its aria-describedby. */
const PROBLEM_ID = "field-problem";

/** Starts a game: the original bestiary or an editable custom array, with an optional seed. */
export function StartForm({ onStarted }: { onStarted: (gameId: string, token: string) => void }) {
  const client = useClient();
  const [{ data: bestiary, error: bestiaryError }] = useQuery({ query: BestiaryQuery });
  const [mode, setMode] = useState<"bestiary" | "custom">("custom");
  const [rows, setRows] = useState<Row[]>(STARTER_ROWS);
  const [seed, setSeed] = useState("");
  const [starting, setStarting] = useState(false);
  const [problem, setProblem] = useState<Problem>();

  const edit = (index: number, field: keyof Row, value: string) => {
    setRows((current) => current.map((row, i) => (i === index ? { ...row, [field]: value } : row)));
    if (sameField(problem?.field, { row: index, stat: field })) setProblem(undefined);
  };

  /**
   * Shows a refusal: beside its input when the form shows that input (a plain sentence there,
   * and a pointer to it in the notice), else the sentence in the notice itself.
   */
  const refuse = (report: ErrorReport, field: FieldKey | undefined) => {
    const shown =
      field !== undefined && (field === "seed" || mode === "custom") ? field : undefined;
    if (shown !== undefined)
      setProblem({
        report: { ...report, detail: "Fix the field marked above, then start again." },
        field: shown,
      });
    else if (field !== undefined)
      setProblem({ report: { ...report, detail: problemSentence(field) } });
    else setProblem({ report });
  };
  const refuseUserError = (userError: UserError) =>
    refuse(describeUserError(userError), fieldFromPath(userError.field));

  const start = (event: FormEvent) => {
    event.preventDefault();
    // Numbers GraphQL's Int cannot carry are stopped here, as the server would refuse them.
    const monsters: MonsterInput[] = [];
    if (mode === "custom") {
      for (const [index, row] of rows.entries()) {
        const stats: Partial<Record<Stat, number>> = {};
        for (const stat of STATS) {
          stats[stat] = parseInt32(row[stat]);
          if (stats[stat] === undefined)
            return refuse(reportFor("INVALID_MONSTER"), { row: index, stat });
        }
        monsters.push({ name: row.name, ...(stats as Record<Stat, number>) });
      }
    }
    const seedValue = seed.trim() === "" ? undefined : parseInt32(seed);
    if (seed.trim() !== "" && seedValue === undefined)
      return refuse(reportFor("INVALID_SEED"), "seed");
    const input = {
      ...(mode === "custom" ? { monsters } : {}),
      ...(seedValue === undefined ? {} : { seed: seedValue }),
    };
    setStarting(true);
    setProblem(undefined);
    void client
      .mutation(StartGameMutation, { input })
      .toPromise()
      .then((result) => {
        setStarting(false);
        const payload = result.data?.startGame;
        const refusal = payload?.userErrors[0];
        if (payload?.game && payload.playerToken) onStarted(payload.game.id, payload.playerToken);
        else if (refusal) refuseUserError(refusal);
        else if (result.error) setProblem({ report: describeError(result.error) });
      });
  };

  /** The attributes of an input that is the one at fault, if it is. */
  const faultOf = (field: FieldKey) =>
    sameField(problem?.field, field)
      ? { "aria-invalid": true, "aria-describedby": PROBLEM_ID }
      : {};
  const problemNote = (field: FieldKey) =>
    sameField(problem?.field, field) ? (
      <p className="field-problem" id={PROBLEM_ID} data-testid="field-problem">
        {problemSentence(field)}
      </p>
    ) : null;

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
            onChange={() => {
              setMode("custom");
              setProblem(undefined);
            }}
          />
          A custom array
        </label>
        <label>
          <input
            type="radio"
            name="mode"
            data-testid="mode-bestiary"
            checked={mode === "bestiary"}
            onChange={() => {
              setMode("bestiary");
              setProblem(undefined);
            }}
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
            {rows.map((row, index) => {
              const fault = (["name", ...STATS] as const).find((stat) =>
                sameField(problem?.field, { row: index, stat }),
              );
              return (
                <Fragment key={index}>
                  <tr data-testid="monster-row">
                    <td className="monster-name-cell">
                      <input
                        aria-label={`monster ${index + 1} name`}
                        data-testid={`monster-${index}-name`}
                        value={row.name}
                        onChange={(e) => edit(index, "name", e.target.value)}
                        {...faultOf({ row: index, stat: "name" })}
                      />
                    </td>
                    {STATS.map((stat) => (
                      // data-label: the stat's name above its input when a phone stacks the row.
                      <td key={stat} data-label={stat}>
                        <input
                          className="number"
                          inputMode="numeric"
                          aria-label={`monster ${index + 1} ${stat}`}
                          data-testid={`monster-${index}-${stat}`}
                          value={row[stat]}
                          onChange={(e) => edit(index, stat, e.target.value)}
                          {...faultOf({ row: index, stat })}
                        />
                      </td>
                    ))}
                    <td className="monster-remove-cell">
                      <button
                        type="button"
                        className="icon"
                        aria-label={`remove monster ${index + 1}`}
                        disabled={rows.length === 1}
                        onClick={() => {
                          // The rows below move up: a problem found before names another row.
                          setProblem(undefined);
                          setRows((current) => current.filter((_, i) => i !== index));
                        }}
                      >
                        ✕
                      </button>
                    </td>
                  </tr>
                  {fault !== undefined && (
                    // Right under the row at fault, across it: beside the input it names.
                    <tr className="field-problem-row">
                      <td colSpan={6}>{problemNote({ row: index, stat: fault })}</td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
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
      ) : bestiary?.bestiary ? (
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
                <td className="monster-name-cell bestiary-name">{monster.name}</td>
                {STATS.map((stat) => (
                  <td key={stat} className="number" data-label={stat}>
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
            onChange={(e) => {
              setSeed(e.target.value);
              if (problem?.field === "seed") setProblem(undefined);
            }}
            {...faultOf("seed")}
          />
        </label>
        <button type="submit" className="primary" data-testid="start" disabled={starting}>
          {starting ? "Starting…" : "Start the battle"}
        </button>
      </div>
      {problemNote("seed")}
      {problem && <ErrorNotice report={problem.report} />}
    </form>
  );
}
