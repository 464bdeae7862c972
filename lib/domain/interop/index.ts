/** Moving in from other tools: Label Studio and doccano exports, read and mapped. Pure: no I/O. */
export * from "./foreign";
export * from "./label-studio";
export * from "./doccano";
export * from "./mapping";
export * from "./placement";
export * from "./detect";
