import { ConfigError, loadConfig } from "../../src/infrastructure/config";

describe("loadConfig", () => {
  it("has a default for everything: in memory, port 4000, 7-day games", () => {
    expect(loadConfig({})).toEqual({
      nodeEnv: "development",
      port: 4000,
      host: "0.0.0.0",
      redisUrl: undefined,
      redisClusterNodes: undefined,
      keyPrefix: "dwemthy",
      gameTtlSeconds: 604_800,
      eventLogSize: 1_000,
      gameCacheSize: 10_000,
      logLevel: "info",
      maxBodyBytes: 102_400,
      maxWsMessageBytes: 102_400,
      redisCommandTimeoutMs: 2_000,
      redisReplicaAcks: 0,
      redisReplicaAckTimeoutMs: 1_000,
      subscriptionCheckMs: 30_000,
      corsOrigins: "loopback",
      trustProxy: false,
      rateLimits: {
        windowSeconds: 60,
        points: { startGame: 30, mutation: 600, query: 1_200, subscription: 120 },
      },
      metricsEnabled: true,
      wsMaxSubscriptionsPerConnection: 20,
      wsMaxConnectionsPerClient: 50,
      wsConnectionInitTimeoutMs: 10_000,
      httpHeadersTimeoutMs: 10_000,
      httpRequestTimeoutMs: 30_000,
      httpKeepAliveTimeoutMs: 5_000,
      httpSocketTimeoutMs: 60_000,
    });
  });

  it("reads every variable", () => {
    expect(
      loadConfig({
        NODE_ENV: "production",
        PORT: "8080",
        HOST: "127.0.0.1",
        REDIS_URL: "redis://cache:6380/2",
        REDIS_KEY_PREFIX: "prod:dw",
        GAME_TTL_SECONDS: "3600",
        EVENT_LOG_SIZE: "50",
        GAME_CACHE_SIZE: "0",
        LOG_LEVEL: "debug",
        MAX_BODY_BYTES: "2048",
        MAX_WS_MESSAGE_BYTES: "4096",
        REDIS_COMMAND_TIMEOUT_MS: "750",
        REDIS_REPLICA_ACKS: "1",
        REDIS_REPLICA_ACK_TIMEOUT_MS: "500",
        SUBSCRIPTION_CHECK_MS: "5000",
        CORS_ORIGINS: "https://play.example.com",
        TRUST_PROXY: "2",
        RATE_LIMIT_WINDOW_SECONDS: "10",
        RATE_LIMIT_START_GAME: "5",
        RATE_LIMIT_MUTATIONS: "50",
        RATE_LIMIT_QUERIES: "70",
        RATE_LIMIT_SUBSCRIPTIONS: "9",
        METRICS_ENABLED: "false",
        WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: "5",
        WS_MAX_CONNECTIONS_PER_CLIENT: "8",
        WS_CONNECTION_INIT_TIMEOUT_MS: "2500",
        HTTP_HEADERS_TIMEOUT_MS: "4000",
        HTTP_REQUEST_TIMEOUT_MS: "9000",
        HTTP_KEEP_ALIVE_TIMEOUT_MS: "61000",
        HTTP_SOCKET_TIMEOUT_MS: "120000",
      }),
    ).toEqual({
      nodeEnv: "production",
      port: 8080,
      host: "127.0.0.1",
      redisUrl: "redis://cache:6380/2",
      redisClusterNodes: undefined,
      keyPrefix: "prod:dw",
      gameTtlSeconds: 3600,
      eventLogSize: 50,
      gameCacheSize: 0,
      logLevel: "debug",
      maxBodyBytes: 2048,
      maxWsMessageBytes: 4096,
      redisCommandTimeoutMs: 750,
      redisReplicaAcks: 1,
      redisReplicaAckTimeoutMs: 500,
      subscriptionCheckMs: 5_000,
      corsOrigins: ["https://play.example.com"],
      trustProxy: 2,
      rateLimits: {
        windowSeconds: 10,
        points: { startGame: 5, mutation: 50, query: 70, subscription: 9 },
      },
      metricsEnabled: false,
      wsMaxSubscriptionsPerConnection: 5,
      wsMaxConnectionsPerClient: 8,
      wsConnectionInitTimeoutMs: 2_500,
      httpHeadersTimeoutMs: 4_000,
      httpRequestTimeoutMs: 9_000,
      httpKeepAliveTimeoutMs: 61_000,
      httpSocketTimeoutMs: 120_000,
    });
  });

  it("reads a Redis Cluster node list", () => {
    expect(
      loadConfig({ REDIS_CLUSTER_NODES: "10.0.0.1:7000, 10.0.0.2:7001" }).redisClusterNodes,
    ).toEqual([
      { host: "10.0.0.1", port: 7000 },
      { host: "10.0.0.2", port: 7001 },
    ]);
  });

  it.each([
    [{ PORT: "70000" }, /PORT/],
    [{ PORT: "http" }, /PORT/],
    [{ NODE_ENV: "staging" }, /NODE_ENV/],
    [{ LOG_LEVEL: "loud" }, /LOG_LEVEL/],
    [{ REDIS_URL: "not a url" }, /REDIS_URL/],
    [{ REDIS_URL: "http://cache:6379" }, /REDIS_URL: must start with redis:\/\//],
    [{ REDIS_URL: "redis://a:1", REDIS_CLUSTER_NODES: "b:2" }, /set one, not both/],
    [{ REDIS_CLUSTER_NODES: "nohost" }, /REDIS_CLUSTER_NODES: "nohost" is not host:port/],
    [{ REDIS_CLUSTER_NODES: "a:99999" }, /REDIS_CLUSTER_NODES/],
    [{ REDIS_KEY_PREFIX: "a{b}" }, /REDIS_KEY_PREFIX: must be 1 to 64/],
    [{ REDIS_KEY_PREFIX: "with space" }, /REDIS_KEY_PREFIX/],
    [{ GAME_TTL_SECONDS: "0" }, /GAME_TTL_SECONDS: must be a whole number from 1/],
    [{ GAME_TTL_SECONDS: "1.5" }, /GAME_TTL_SECONDS/],
    [{ EVENT_LOG_SIZE: "-3" }, /EVENT_LOG_SIZE/],
    [{ GAME_CACHE_SIZE: "1000001" }, /GAME_CACHE_SIZE/],
    [{ MAX_BODY_BYTES: "10" }, /MAX_BODY_BYTES/],
    [{ REDIS_COMMAND_TIMEOUT_MS: "1" }, /REDIS_COMMAND_TIMEOUT_MS/],
    [{ SUBSCRIPTION_CHECK_MS: "10" }, /SUBSCRIPTION_CHECK_MS/],
    [{ REDIS_URL: "redis://a:1", REDIS_REPLICA_ACKS: "11" }, /REDIS_REPLICA_ACKS: must be/],
    [{ REDIS_URL: "redis://a:1", REDIS_REPLICA_ACKS: "one" }, /REDIS_REPLICA_ACKS/],
    [{ REDIS_REPLICA_ACKS: "1" }, /REDIS_REPLICA_ACKS: needs Redis/],
    [
      { REDIS_URL: "redis://a:1", REDIS_REPLICA_ACK_TIMEOUT_MS: "5" },
      /REDIS_REPLICA_ACK_TIMEOUT_MS/,
    ],
    [
      { REDIS_URL: "redis://a:1", REDIS_REPLICA_ACKS: "1", REDIS_REPLICA_ACK_TIMEOUT_MS: "2000" },
      /REDIS_REPLICA_ACK_TIMEOUT_MS: must be less than REDIS_COMMAND_TIMEOUT_MS/,
    ],
    [{ CORS_ORIGINS: "localhost:5173" }, /CORS_ORIGINS: "localhost:5173" is not an origin/],
    [{ CORS_ORIGINS: "http://localhost:5173/" }, /CORS_ORIGINS: "http:\/\/localhost:5173\/"/],
    [{ CORS_ORIGINS: "https://a.example/app" }, /CORS_ORIGINS/],
    [{ CORS_ORIGINS: "https://A.example" }, /CORS_ORIGINS/],
    [{ CORS_ORIGINS: "ftp://a.example" }, /CORS_ORIGINS/],
    [{ CORS_ORIGINS: "https://a.example,,https://b.example" }, /CORS_ORIGINS: "" is not/],
    [{ CORS_ORIGINS: "" }, /CORS_ORIGINS/],
    [{ CORS_ORIGINS: "*,https://a.example" }, /CORS_ORIGINS: "\*" allows every origin/],
  ])("refuses %p with a ConfigError naming it", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  describe("CORS_ORIGINS", () => {
    it("defaults to any loopback origin in development and test, to none in production", () => {
      expect(loadConfig({ NODE_ENV: "development" }).corsOrigins).toBe("loopback");
      expect(loadConfig({ NODE_ENV: "test" }).corsOrigins).toBe("loopback");
      expect(loadConfig({ NODE_ENV: "production" }).corsOrigins).toEqual([]);
    });

    it("reads a comma list of exact origins, replacing the default", () => {
      expect(
        loadConfig({
          NODE_ENV: "production",
          CORS_ORIGINS: "http://localhost:5173, https://play.example.com,http://[::1]:8080",
        }).corsOrigins,
      ).toEqual(["http://localhost:5173", "https://play.example.com", "http://[::1]:8080"]);
    });

    it('reads "*" as every origin, in any mode', () => {
      expect(loadConfig({ NODE_ENV: "production", CORS_ORIGINS: "*" }).corsOrigins).toBe("*");
      expect(loadConfig({ CORS_ORIGINS: " * " }).corsOrigins).toBe("*");
    });
  });

  describe("METRICS_ENABLED", () => {
    it("is on unless turned off, as true/false or 1/0", () => {
      expect(loadConfig({}).metricsEnabled).toBe(true);
      expect(loadConfig({ METRICS_ENABLED: "true" }).metricsEnabled).toBe(true);
      expect(loadConfig({ METRICS_ENABLED: "1" }).metricsEnabled).toBe(true);
      expect(loadConfig({ METRICS_ENABLED: "false" }).metricsEnabled).toBe(false);
      expect(loadConfig({ METRICS_ENABLED: "0" }).metricsEnabled).toBe(false);
    });

    it("refuses anything else, naming the variable", () => {
      expect(() => loadConfig({ METRICS_ENABLED: "maybe" })).toThrow(ConfigError);
      expect(() => loadConfig({ METRICS_ENABLED: "maybe" })).toThrow(/METRICS_ENABLED/);
    });
  });

  describe("rate limits and TRUST_PROXY", () => {
    it("RATE_LIMITING turns every budget off (off/false/0) or on", () => {
      expect(loadConfig({ RATE_LIMITING: "off" }).rateLimits).toBe(false);
      expect(loadConfig({ RATE_LIMITING: "false" }).rateLimits).toBe(false);
      expect(loadConfig({ RATE_LIMITING: "0", RATE_LIMIT_START_GAME: "3" }).rateLimits).toBe(false);
      expect(loadConfig({ RATE_LIMITING: "on", RATE_LIMIT_START_GAME: "3" }).rateLimits).toEqual({
        windowSeconds: 60,
        points: { startGame: 3, mutation: 600, query: 1_200, subscription: 120 },
      });
    });

    it("TRUST_PROXY is false (or 0) or a number of hops from 1 to 10", () => {
      expect(loadConfig({ TRUST_PROXY: "false" }).trustProxy).toBe(false);
      expect(loadConfig({ TRUST_PROXY: "0" }).trustProxy).toBe(false);
      expect(loadConfig({ TRUST_PROXY: "1" }).trustProxy).toBe(1);
      expect(loadConfig({ TRUST_PROXY: "10" }).trustProxy).toBe(10);
    });

    it.each([
      [{ TRUST_PROXY: "true" }, /TRUST_PROXY: trusting every proxy would let any client choose/],
      [{ TRUST_PROXY: "11" }, /TRUST_PROXY: must be false or the number of proxies/],
      [{ TRUST_PROXY: "10.0.0.0/8" }, /TRUST_PROXY/],
      [{ RATE_LIMITING: "maybe" }, /RATE_LIMITING/],
      [{ RATE_LIMIT_WINDOW_SECONDS: "0" }, /RATE_LIMIT_WINDOW_SECONDS: must be a whole number/],
      [{ RATE_LIMIT_WINDOW_SECONDS: "86401" }, /RATE_LIMIT_WINDOW_SECONDS/],
      [{ RATE_LIMIT_START_GAME: "0" }, /RATE_LIMIT_START_GAME/],
      [{ RATE_LIMIT_MUTATIONS: "1.5" }, /RATE_LIMIT_MUTATIONS/],
      [{ RATE_LIMIT_QUERIES: "-1" }, /RATE_LIMIT_QUERIES/],
      [{ RATE_LIMIT_SUBSCRIPTIONS: "lots" }, /RATE_LIMIT_SUBSCRIPTIONS/],
    ])("refuses %p with a ConfigError naming it", (env, message) => {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(message);
    });
  });

  describe("WebSocket limits and HTTP timeouts", () => {
    it.each([
      [
        { WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: "0" },
        /WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: must be a whole number from 1/,
      ],
      [{ WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: "2.5" }, /WS_MAX_SUBSCRIPTIONS_PER_CONNECTION/],
      [{ WS_MAX_CONNECTIONS_PER_CLIENT: "0" }, /WS_MAX_CONNECTIONS_PER_CLIENT/],
      [{ WS_MAX_CONNECTIONS_PER_CLIENT: "lots" }, /WS_MAX_CONNECTIONS_PER_CLIENT/],
      [
        { WS_CONNECTION_INIT_TIMEOUT_MS: "10" },
        /WS_CONNECTION_INIT_TIMEOUT_MS: must be a whole number from 100 to 60000/,
      ],
      [{ HTTP_HEADERS_TIMEOUT_MS: "99" }, /HTTP_HEADERS_TIMEOUT_MS/],
      [{ HTTP_REQUEST_TIMEOUT_MS: "-1" }, /HTTP_REQUEST_TIMEOUT_MS/],
      [{ HTTP_KEEP_ALIVE_TIMEOUT_MS: "0" }, /HTTP_KEEP_ALIVE_TIMEOUT_MS/],
      [{ HTTP_SOCKET_TIMEOUT_MS: "1e6" }, /HTTP_SOCKET_TIMEOUT_MS/],
      [
        { HTTP_HEADERS_TIMEOUT_MS: "5000", HTTP_REQUEST_TIMEOUT_MS: "4000" },
        /HTTP_HEADERS_TIMEOUT_MS: must not be more than HTTP_REQUEST_TIMEOUT_MS/,
      ],
    ])("refuses %p with a ConfigError naming it", (env, message) => {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(message);
    });

    it("takes a headers timeout equal to the request timeout", () => {
      const config = loadConfig({
        HTTP_HEADERS_TIMEOUT_MS: "4000",
        HTTP_REQUEST_TIMEOUT_MS: "4000",
      });
      expect([config.httpHeadersTimeoutMs, config.httpRequestTimeoutMs]).toEqual([4_000, 4_000]);
    });
  });

  it("names every bad variable at once", () => {
    expect(() => loadConfig({ PORT: "x", LOG_LEVEL: "y" })).toThrow(
      /PORT[\s\S]*LOG_LEVEL|LOG_LEVEL[\s\S]*PORT/,
    );
  });
});
