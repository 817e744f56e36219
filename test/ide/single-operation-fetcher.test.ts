import { singleOperationFetcher, type FetcherParams } from "../../ide/src/single-operation-fetcher";

type FetcherOpts = { headers?: Record<string, string> };
type Fetcher = (params: FetcherParams, opts?: FetcherOpts) => Promise<unknown>;

/** A fetcher that records what it was asked to send, and answers nothing. */
function recordingFetcher(): {
  fetcher: Fetcher;
  sent: { params: FetcherParams; opts?: FetcherOpts }[];
} {
  const sent: { params: FetcherParams; opts?: FetcherOpts }[] = [];
  return {
    fetcher: (params, opts) => {
      sent.push({ params, opts });
      return Promise.resolve({ data: null });
    },
    sent,
  };
}

const BESTIARY = "query Bestiary { bestiary { name } }";

describe("singleOperationFetcher (the IDE's)", () => {
  it("sends the document's one operation, not the name GraphiQL kept from the tab before", async () => {
    const { fetcher, sent } = recordingFetcher();
    const opts: FetcherOpts = { headers: { Authorization: "Bearer t" } };
    await singleOperationFetcher(fetcher)(
      { query: BESTIARY, operationName: "Attack", variables: { a: 1 } },
      opts,
    );
    expect(sent).toEqual([
      { params: { query: BESTIARY, operationName: "Bestiary", variables: { a: 1 } }, opts },
    ]);
  });

  it("sends no name for an unnamed operation", async () => {
    const { fetcher, sent } = recordingFetcher();
    await singleOperationFetcher(fetcher)({
      query: "{ bestiary { name } }",
      operationName: "Start",
    });
    expect(sent.map((s) => s.params.operationName)).toEqual([null]);
  });

  it("keeps GraphiQL's choice in a document of several operations, and a document that does not parse as it is", async () => {
    const { fetcher, sent } = recordingFetcher();
    const wrap = singleOperationFetcher(fetcher);
    const two = `${BESTIARY} query Other { bestiary { life } }`;
    await wrap({ query: two, operationName: "Other" });
    await wrap({ query: "query Broken {", operationName: "Broken" });
    expect(sent.map((s) => s.params)).toEqual([
      { query: two, operationName: "Other" },
      { query: "query Broken {", operationName: "Broken" },
    ]);
  });
});
