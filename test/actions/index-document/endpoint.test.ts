import { describe, expect, it } from "vitest";
import { parseEndpoint } from "../../../actions/index-document/endpoint.js";
import { AOSS_ENDPOINT, ENDPOINT } from "./seed.js";

describe("parseEndpoint", () => {
  it.each([
    [
      "a managed domain (seed 002)",
      ENDPOINT,
      {
        base: ENDPOINT,
        host: "search-ecs-events-3kf6xmplvbcoptqgowtbpmqq2e.us-east-1.es.amazonaws.com",
        aws: { service: "es", region: "us-east-1", partition: "aws", domain: "ecs-events" },
      },
    ],
    [
      "a VPC domain",
      "https://vpc-logs-abc123.eu-west-1.es.amazonaws.com/",
      {
        base: "https://vpc-logs-abc123.eu-west-1.es.amazonaws.com",
        host: "vpc-logs-abc123.eu-west-1.es.amazonaws.com",
        aws: { service: "es", region: "eu-west-1", partition: "aws", domain: "logs" },
      },
    ],
    [
      "a China domain",
      "https://search-d-x1.cn-north-1.es.amazonaws.com.cn",
      {
        base: "https://search-d-x1.cn-north-1.es.amazonaws.com.cn",
        host: "search-d-x1.cn-north-1.es.amazonaws.com.cn",
        aws: { service: "es", region: "cn-north-1", partition: "aws-cn", domain: "d" },
      },
    ],
    [
      "a Serverless collection",
      AOSS_ENDPOINT,
      {
        base: AOSS_ENDPOINT,
        host: "07tjusf2h91cunochc.us-east-1.aoss.amazonaws.com",
        aws: { service: "aoss", region: "us-east-1", partition: "aws", collectionId: "07tjusf2h91cunochc" },
      },
    ],
    [
      "another AWS host form",
      "https://es-fips.us-gov-west-1.amazonaws.com",
      {
        base: "https://es-fips.us-gov-west-1.amazonaws.com",
        host: "es-fips.us-gov-west-1.amazonaws.com",
        aws: { service: "es", region: "us-gov-west-1", partition: "aws-us-gov" },
      },
    ],
    [
      "a custom domain with a path",
      "https://search.example.com/opensearch/",
      { base: "https://search.example.com/opensearch", host: "search.example.com" },
    ],
    ["local http", "http://localhost:9200", { base: "http://localhost:9200", host: "localhost" }],
    ["loopback http", "http://127.0.0.1:9200", { base: "http://127.0.0.1:9200", host: "127.0.0.1" }],
  ])("parses %s", (_name, text, endpoint) => {
    expect(parseEndpoint(text)).toEqual(endpoint);
  });

  it.each([
    [
      "not a URL",
      "search-ecs-events.us-east-1.es.amazonaws.com",
      { message: expect.stringContaining("is not a URL") },
    ],
    [
      "remote plain http",
      "http://search.example.com",
      { message: expect.stringContaining("must use https") },
    ],
    [
      "another scheme",
      "ftp://search.example.com",
      { message: expect.stringContaining("https URL, not ftp:") },
    ],
    ["a query", "https://search.example.com/?x=1", { message: expect.stringContaining("query string") }],
    [
      "a password in the URL",
      "https://admin:hunter2@search.example.com",
      { message: expect.stringContaining("credentials"), secret: true },
    ],
  ])("refuses %s", (_name, text, problem) => {
    expect(parseEndpoint(text)).toEqual(problem);
  });
});
