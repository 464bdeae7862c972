/** Export: record shapes and serialisers for every dataset format. Pure: no I/O. */
export * from "./options";
export * from "./records";
export * from "./csv";
export * from "./jsonl";
export * from "./w3c";
export * from "./label-studio";
export * from "./parquet";
export * from "./card";
export * from "./context";
export * from "./features";
