import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import express from "express";
import { idePage } from "../../../src/graphql/http/ide-page";

const BROWSER_ACCEPT = "text/html,application/xhtml+xml,*/*;q=0.8";

describe("idePage without a build", () => {
  const empty = mkdtempSync(path.join(tmpdir(), "no-ide-"));
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const app = express();
    app.use(idePage(empty));
    app.get("/graphql", (_req, res) => {
      res.json({ reached: "api" });
    });
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(empty, { recursive: true, force: true });
  });

  it("answers a browser 503 with a plain note to run npm run build", async () => {
    const response = await fetch(`${url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    await expect(response.text()).resolves.toMatch(/run `npm run build`/);
  });

  it("passes GraphQL clients on to the API", async () => {
    for (const accept of ["application/json", "*/*"]) {
      const response = await fetch(`${url}/graphql`, { headers: { accept } });
      await expect(response.json()).resolves.toEqual({ reached: "api" });
    }
  });

  it("answers a missing asset 404 in plain text", async () => {
    const response = await fetch(`${url}/ide/assets/index-old.js`);
    expect(response.status).toBe(404);
    await expect(response.text()).resolves.toMatch(/reload the page/);
  });
});
