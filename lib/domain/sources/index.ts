/**
 * The source registry's pure rules: Admiralty reliability grades (A–F) of
 * sources and credibility grades (1–6) of information, and how statistics
 * read them.
 */
export {
  CREDIBILITY_CANNOT_BE_JUDGED,
  CREDIBILITY_MEANINGS,
  CREDIBILITY_VALUES,
  ORDINAL_SCALE_POINTS,
  RELIABILITY_CANNOT_BE_JUDGED,
  RELIABILITY_GRADES,
  RELIABILITY_MEANINGS,
  credibilityDistribution,
  credibilityOrdinal,
  credibilitySchema,
  isCredibility,
  isReliabilityGrade,
  reliabilityDistribution,
  reliabilityGradeSchema,
  reliabilityOrdinal,
  type Credibility,
  type GradeDistribution,
  type ReliabilityGrade,
} from "./grades";
export {
  MAX_REGISTRY_ROWS,
  REGISTRY_COLUMNS,
  parseCsv,
  parseRegistryFile,
  registryCsv,
  type ParsedRegistry,
  type RegistryColumn,
  type RegistryRecord,
  type RegistryRow,
  type RowError,
} from "./registry-file";
