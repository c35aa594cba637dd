export * from "./tenancy.js";
export * from "./users.js";
export * from "./citizens.js";
export * from "./platform.js";
export * from "./detection.js";
export * from "./referrals.js";
export * from "./courses.js";
export * from "./catalog.js";
