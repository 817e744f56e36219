import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { faviconRoute } from "../../../src/graphql/http/favicon";

describe("the tab icon at /favicon.ico", () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const app = express();
    app.get("/favicon.ico", faviconRoute);
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("is an SVG, cached for a day, so no page load meets a 404", async () => {
    const response = await fetch(`${url}/favicon.ico`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    expect(response.headers.get("cache-control")).toBe("public, max-age=86400");
    await expect(response.text()).resolves.toMatch(
      /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg".*🐇.*<\/svg>$/s,
    );
  });
});
