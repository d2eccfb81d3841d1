export * from "./auth";
export * from "./organisation";
export * from "./audit";
export * from "./outbox";
export * from "./security";
export * from "./programme";
export * from "./boards";
export * from "./jobs";
