/**
 * The queue's connection that stop() drains and closes (jobs-adapter.ts closableQueueDb): what
 * pg-boss 10 leaves running after its own stop() must finish before the database closes, and
 * nothing it sends afterwards may reach the database.
 */
import { describe, expect, it } from "vitest";
import { closableQueueDb } from "./jobs-adapter.js";

/** A database whose statements answer when the test says so. */
function heldDatabase() {
  const sent: string[] = [];
  const answers: Array<() => void> = [];
  return {
    sent,
    answerAll: () => answers.splice(0).forEach((answer) => answer()),
    db: {
      executeSql(text: string) {
        sent.push(text);
        return new Promise<{ rows: unknown[] }>((resolve) =>
          answers.push(() => resolve({ rows: [{ text }] })),
        );
      },
    },
  };
}

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("closableQueueDb", () => {
  it("passes statements through while open", async () => {
    const held = heldDatabase();
    const conn = closableQueueDb(held.db);
    const answer = conn.executeSql("select 1", []);
    held.answerAll();
    expect(await answer).toEqual({ rows: [{ text: "select 1" }] });
  });

  it("drains a statement in flight before it returns", async () => {
    const held = heldDatabase();
    const conn = closableQueueDb(held.db);
    void conn.executeSql("complete job", []);
    let drained = false;
    const draining = conn.drain(Date.now() + 5_000).then(() => (drained = true));
    await later(20);
    expect(drained).toBe(false);
    held.answerAll();
    await draining;
    expect(drained).toBe(true);
  });

  it("drains a handler that a fetch hands its job to just as the fetch answers", async () => {
    const held = heldDatabase();
    const conn = closableQueueDb(held.db);
    const steps: string[] = [];
    // As pg-boss's worker: the fetch answers, a few microtasks later the handler starts, then completes.
    void conn.executeSql("fetch", []).then(async () => {
      await Promise.resolve();
      await conn.track(later(30).then(() => steps.push("handler done")));
      await conn.executeSql("complete", []).then(() => steps.push("completed"));
    });
    const draining = conn.drain(Date.now() + 5_000).then(() => steps.push("drained"));
    held.answerAll();
    await later(50);
    held.answerAll();
    await draining;
    expect(steps).toEqual(["handler done", "completed", "drained"]);
  });

  it("gives up at the deadline", async () => {
    const held = heldDatabase();
    const conn = closableQueueDb(held.db);
    void conn.executeSql("never answers", []);
    const started = Date.now();
    await conn.drain(Date.now() + 100);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("sends nothing once closed: a late statement answers no rows", async () => {
    const held = heldDatabase();
    const conn = closableQueueDb(held.db);
    conn.close();
    expect(await conn.executeSql("fail job", [])).toEqual({ rows: [] });
    expect(held.sent).toEqual([]);
  });
});
