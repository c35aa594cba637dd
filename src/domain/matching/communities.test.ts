import { describe, expect, it } from "vitest";
import { type CommunityCandidate, proposeCommunities } from "./communities.js";
import { EARTH_RADIUS_KM } from "./distance.js";

const ORIGIN = { lat: 56.4, lon: 8.6 };
/** A home `km` due north of ORIGIN. */
const north = (km: number) => ({
  lat: ORIGIN.lat + (km / (Math.PI * EARTH_RADIUS_KM)) * 180,
  lon: ORIGIN.lon,
});
const at = (id: string, km: number | null, interests: string[]): CommunityCandidate => ({
  id,
  home: km === null ? null : north(km),
  interests,
});

describe("shared interests near home", () => {
  it("groups neighbours who share an interest and names it", () => {
    const proposals = proposeCommunities([
      at("a", 0, ["knitting"]),
      at("b", 0.5, ["knitting", "walks"]),
      at("c", 1, ["knitting"]),
    ]);
    expect(proposals).toHaveLength(1);
    expect(proposals[0]).toMatchObject({
      kind: "shared_interests",
      sharedInterests: ["knitting"],
      spanKm: 1,
    });
    expect([...proposals[0]!.memberIds].sort()).toEqual(["a", "b", "c"]);
  });

  it("leaves out a citizen living too far from the others", () => {
    const proposals = proposeCommunities([
      at("a", 0, ["knitting"]),
      at("b", 1, ["knitting"]),
      at("far", 8, ["knitting"]),
    ]);
    expect(proposals.map((p) => [...p.memberIds].sort())).toEqual([["a", "b"]]);
  });

  it("proposes nothing for neighbours without a shared interest", () => {
    expect(proposeCommunities([at("a", 0, ["knitting"]), at("b", 0.2, ["bridge"])])).toEqual([]);
  });

  it("requires every member to live near every other, not a chain across town", () => {
    // a–b and b–c are 1.5 km apart, a–c 3 km: only two of them can form a group.
    const proposals = proposeCommunities([
      at("a", 0, ["choir"]),
      at("b", 1.5, ["choir"]),
      at("c", 3, ["choir"]),
    ]);
    expect(proposals).toHaveLength(1);
    expect(proposals[0]!.memberIds).toHaveLength(2);
    expect(proposals[0]!.spanKm).toBeLessThanOrEqual(2);
  });

  it("keeps a group to at most five citizens and starts another with the rest", () => {
    const many = Array.from({ length: 7 }, (_, i) => at(`c${i}`, i * 0.1, ["coffee_club"]));
    const proposals = proposeCommunities(many);
    expect(proposals.map((p) => p.memberIds.length)).toEqual([5, 2]);
    expect(new Set(proposals.flatMap((p) => p.memberIds)).size).toBe(7);
  });

  it("puts each citizen in at most one proposal, the most common interest first", () => {
    // a and b would fit a bingo group with d too, but they are already in the walks group.
    const proposals = proposeCommunities([
      at("a", 0, ["walks", "bingo"]),
      at("b", 0.3, ["walks", "bingo"]),
      at("c", 0.6, ["walks"]),
      at("d", 0.9, ["bingo"]),
      at("e", 0.2, ["walks"]),
    ]);
    expect(proposals).toHaveLength(1);
    expect(proposals[0]!.sharedInterests).toEqual(["walks"]);
    expect([...proposals[0]!.memberIds].sort()).toEqual(["a", "b", "c", "e"]);
  });

  it("prefers the neighbour sharing more interests when the group is full", () => {
    const walkers = ["w1", "w2", "w3", "w4", "w5"].map((id, i) => at(id, 0.1 + i * 0.01, ["walks"]));
    const proposals = proposeCommunities([
      at("a", 0, ["walks", "bingo", "choir"]),
      ...walkers,
      at("x", 0.5, ["walks", "bingo", "choir"]),
    ]);
    expect(proposals[0]!.memberIds).toEqual(["a", "x", "w1", "w2", "w3"]);
    expect(proposals[0]!.sharedInterests).toEqual(["walks"]);
  });

  it("skips citizens whose home has no coordinates", () => {
    expect(proposeCommunities([at("a", 0, ["knitting"]), at("nowhere", null, ["knitting"])])).toEqual([]);
  });

  it("uses the distance the caller allows", () => {
    const pair = [at("a", 0, ["fishing"]), at("b", 3, ["fishing"])];
    expect(proposeCommunities(pair)).toEqual([]);
    expect(proposeCommunities(pair, { maxDistanceKm: 5 })).toHaveLength(1);
  });

  it("gives the same proposals whatever order the candidates come in", () => {
    const list = [
      at("a", 0, ["walks"]),
      at("b", 0.4, ["walks"]),
      at("c", 0.8, ["bingo"]),
      at("d", 0.9, ["bingo"]),
      at("e", 0.2, ["walks"]),
    ];
    expect(proposeCommunities([...list].reverse())).toEqual(proposeCommunities(list));
  });
});

describe("named former relations and neighbours", () => {
  it("proposes citizens who named each other together, whatever the distance or interests", () => {
    const proposals = proposeCommunities(
      [at("a", 0, ["knitting"]), at("b", 12, ["bridge"]), at("c", null, [])],
      {
        relations: [
          ["a", "b"],
          ["b", "c"],
        ],
      },
    );
    expect(proposals).toEqual([
      { kind: "named_relation", memberIds: ["a", "b", "c"], sharedInterests: [], spanKm: null },
    ]);
  });

  it("takes named relations out of the interest groups", () => {
    const proposals = proposeCommunities(
      [at("a", 0, ["walks"]), at("b", 0.2, ["walks"]), at("c", 0.4, ["walks"])],
      { relations: [["a", "b"]] },
    );
    expect(proposals.map((p) => p.kind)).toEqual(["named_relation"]);
    expect(proposals[0]!.memberIds).toEqual(["a", "b"]);
  });

  it("ignores a relation to someone who is not a candidate", () => {
    expect(proposeCommunities([at("a", 0, ["walks"])], { relations: [["a", "gone"]] })).toEqual([]);
  });
});
