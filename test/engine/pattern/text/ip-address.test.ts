import { describe, expect, it } from "vitest";
import { cidrRange, ipEqualityRange, ipHexDigits } from "../../../../engine/pattern/text/ip-address.js";

describe("ipHexDigits (Java InetAddress literals)", () => {
  it.each([
    ["10.0.0.1", "0A000001"],
    ["010.000.000.001", "0A000001"],
    ["255.255.255.255", "FFFFFFFF"],
    ["::", "00000000000000000000000000000000"],
    ["::1", "00000000000000000000000000000001"],
    ["2001:DB8::1", "20010DB8000000000000000000000001"],
    ["1:2:3:4:5:6:7::", "00010002000300040005000600070000"],
    ["00001::", "00010000000000000000000000000000"],
    ["::ffff:102:304", "01020304"],
  ])("%s → %s", (ip, hex) => {
    expect(ipHexDigits(ip)).toBe(hex);
  });

  it.each([
    "10.0.0.256",
    "0000000001.0.0.1",
    "10.0.0",
    "1:2:3:4:5:6:7:8:9",
    "1::2::3",
    ":1",
    "1:",
    ":",
    "1:2:3:4:5:6:7:8::",
    "::ffff:1.2.3.4",
    "host",
    " 10.0.0.1",
  ])("%s is not an address", (ip) => {
    expect(ipHexDigits(ip)).toBeNull();
  });
});

describe("cidrRange", () => {
  it("covers the masked block", () => {
    expect(cidrRange("10.0.0.5/24")).toEqual({
      range: { bottom: "0A000000", openBottom: false, top: "0A0000FF", openTop: false },
    });
    expect(cidrRange("0.0.0.0/0")).toMatchObject({ range: { bottom: "00000000", top: "FFFFFFFF" } });
  });

  it.each([
    ["10.0.0.0", "Malformed CIDR, one '/' required"],
    ["10.0.0.0//8", "Malformed CIDR, one '/' required"],
    ["10.0.0.0/", "Malformed CIDR, one '/' required"],
    ["10.0.0.0/ 8", "Malformed CIDR, mask bits must be an integer"],
    ["10.0.0.0/-1", "Malformed CIDR, mask bits must not be negative"],
    ["10.0.0.0/32", "IPv4 mask bits must be < 32"],
    ["::/128", "IPv6 mask bits must be < 128"],
    ["::ffff:0:0/96", "IPv4 mask bits must be < 32"],
    ["10.0.0.999/8", "Invalid IP address: 10.0.0.999"],
    ["/8", "Nonstandard IP address: "],
  ])("%s: %s", (cidr, error) => {
    expect(cidrRange(cidr)).toEqual({ error });
  });

  it("reads mask bits as Java's Integer.parseInt does", () => {
    expect(cidrRange("10.0.0.0/+8")).toHaveProperty("range");
    expect(cidrRange("10.0.0.0/8/")).toHaveProperty("range");
    expect(cidrRange("10.0.0.0/\u0668")).toMatchObject({ range: { top: "0AFFFFFF" } });
  });
});

describe("ipEqualityRange", () => {
  it("brackets the address within its last hex digit", () => {
    expect(ipEqualityRange("10.0.0.1")).toEqual({
      bottom: "0A000001",
      openBottom: false,
      top: "0A000002",
      openTop: true,
    });
    expect(ipEqualityRange("10.0.0.9")).toMatchObject({ top: "0A00000A" });
    expect(ipEqualityRange("10.0.0.15")).toEqual({
      bottom: "0A00000E",
      openBottom: true,
      top: "0A00000F",
      openTop: false,
    });
    expect(ipEqualityRange("not an ip")).toBeNull();
  });
});
