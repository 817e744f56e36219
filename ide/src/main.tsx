import "./monaco-workers";
import "graphiql/style.css";
import "./ide.css";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { EXAMPLE_TABS } from "./example-tabs";
import { singleOperationFetcher } from "./single-operation-fetcher";

// Same origin as the page: this server serves the IDE at /graphql itself, so no CORS is involved,
// and behind a TLS proxy the WebSocket follows the page to wss.
const httpUrl = new URL("/graphql", window.location.href);
const wsUrl = new URL(httpUrl);
wsUrl.protocol = httpUrl.protocol === "https:" ? "wss:" : "ws:";

// Queries and mutations go over HTTP, subscriptions over graphql-ws; the headers editor's JSON is
// sent as HTTP headers and as the WebSocket's connection params (where the server reads
// `authorization`).
const fetcher = singleOperationFetcher(
  createGraphiQLFetcher({ url: httpUrl.href, subscriptionUrl: wsUrl.href }),
);

const container = document.getElementById("ide");
if (!container) throw new Error("index.html has no #ide element");
createRoot(container).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} defaultTabs={EXAMPLE_TABS} defaultEditorToolsVisibility>
      <GraphiQL.Logo>Dwemthy&apos;s Array</GraphiQL.Logo>
    </GraphiQL>
  </StrictMode>,
);
