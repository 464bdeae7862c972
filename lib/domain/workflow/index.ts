export * from "./assignments";
export * from "./activity";
