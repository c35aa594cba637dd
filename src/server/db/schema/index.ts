export * from "./tenancy.js";
export * from "./users.js";
export * from "./citizens.js";
export * from "./platform.js";
