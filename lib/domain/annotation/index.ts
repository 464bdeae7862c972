export * from "./labels";
export * from "./keys";
export * from "./schemas";
export * from "./suggestion-outcome";
export * from "./save-queue";
export * from "./words";
export * from "./assistant";
