import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The page another origin serves: no external script, only this inline one, which calls the API
 * the way a front end would. `window.callApi` POSTs JSON with an Authorization header (so the
 * browser sends a CORS preflight first); `window.watch` speaks graphql-ws by hand
 * (graphql-transport-ws: connection_init, subscribe, next) and resolves with the first `next`,
 * or with how the socket failed.
 */
const PAGE = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><link rel="icon" href="data:," /><title>Another origin</title></head>
  <body>
    <p>A page on another origin.</p>
    <script>
      window.callApi = async (url, query, variables, token) => {
        try {
          const response = await fetch(url, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: "Bearer " + token },
            body: JSON.stringify({ query, variables }),
          });
          return { ok: true, status: response.status, body: await response.json() };
        } catch (error) {
          return { ok: false, error: error.name + ": " + error.message };
        }
      };
      window.watch = (url, query, variables) =>
        new Promise((resolve) => {
          const seen = [];
          const socket = new WebSocket(url, "graphql-transport-ws");
          socket.onopen = () => {
            seen.push("open");
            socket.send(JSON.stringify({ type: "connection_init", payload: {} }));
          };
          socket.onerror = () => seen.push("error");
          socket.onmessage = (message) => {
            const data = JSON.parse(message.data);
            seen.push(data.type);
            if (data.type === "connection_ack") {
              socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query, variables } }));
            } else if (data.type === "next") {
              socket.close(1000, "done");
              resolve({ seen, payload: data.payload });
            }
          };
          socket.onclose = (event) => {
            seen.push("close");
            resolve({ seen, code: event.code, wasClean: event.wasClean });
          };
        });
    </script>
  </body>
</html>
`;

/** A tiny static server on its own port of 127.0.0.1: a different origin from the API's. */
export interface ForeignPage {
  /** The page's URL; its origin is `origin`. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/** Serves the page at `/` on a free port. */
export async function serveForeignPage(): Promise<ForeignPage> {
  const server: Server = createServer((req, res) => {
    if (req.url !== "/") {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/`,
    origin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
