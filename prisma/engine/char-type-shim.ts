/**
 * Lets the schema engine read PostgreSQL's internal "char" type through
 * @prisma/adapter-pg. The engine's catalog queries return it (OID 18:
 * pg_class.relkind, pg_constraint.contype…) and read those columns as
 * characters, but adapter-pg maps no column type to OID 18 and rejects the
 * whole result. So: below the adapter, columns of OID 18 are relabelled as text
 * (pg returns their values as strings anyway) and remembered by their rows
 * array, which the adapter passes through; above it, restoreCharColumns types
 * them as Character again. UPGRADING.md says how to tell whether a new
 * adapter-pg still needs this.
 */
import { ColumnTypeEnum, type SqlResultSet, type Transaction } from "@prisma/driver-adapter-utils";
import pg from "pg";

const CHAR_OID = 18;
const TEXT_OID = 25;
const charColumnsByRows = new WeakMap<object, number[]>();

/**
 * Below the adapter: the pool is wrapped in a proxy, which adapter-pg still
 * takes for a pg.Pool, and so are the clients it hands out (transactions run
 * on those).
 */
export function withCatalogTypes<T extends pg.Pool | pg.PoolClient>(target: T): T {
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== "function") return value;
      if (property === "query") {
        return (...args: unknown[]) => {
          const result: unknown = Reflect.apply(value, object, args);
          return result instanceof Promise ? result.then(relabelCharColumns) : result;
        };
      }
      if (property === "connect" && object instanceof pg.Pool) {
        return (...args: unknown[]) => {
          const result: unknown = Reflect.apply(value, object, args);
          return result instanceof Promise
            ? result.then((client: pg.PoolClient) => withCatalogTypes(client))
            : result;
        };
      }
      const bound: unknown = value.bind(object);
      return bound;
    },
  });
}

function relabelCharColumns<R>(result: R): R {
  const results: unknown[] = Array.isArray(result) ? result : [result];
  for (const one of results) {
    if (!(one instanceof pg.Result)) continue;
    const columns: number[] = [];
    one.fields.forEach((field, index) => {
      if (field.dataTypeID !== CHAR_OID) return;
      field.dataTypeID = TEXT_OID;
      columns.push(index);
    });
    if (columns.length) charColumnsByRows.set(one.rows, columns);
  }
  return result;
}

/** Above the adapter: the columns relabelled below become Character again. */
export function restoreCharColumns(resultSet: SqlResultSet): SqlResultSet {
  const columns = charColumnsByRows.get(resultSet.rows);
  if (!columns) return resultSet;
  const columnTypes = [...resultSet.columnTypes];
  for (const index of columns) columnTypes[index] = ColumnTypeEnum.Character;
  return { ...resultSet, columnTypes };
}

/** The same restoration for queries the engine runs inside a transaction. */
export function wrapTransaction(transaction: Transaction): Transaction {
  const wrapped: Transaction = {
    provider: transaction.provider,
    adapterName: transaction.adapterName,
    options: transaction.options,
    queryRaw: async (query) => restoreCharColumns(await transaction.queryRaw(query)),
    executeRaw: (query) => transaction.executeRaw(query),
    commit: () => transaction.commit(),
    rollback: () => transaction.rollback(),
  };
  if (transaction.createSavepoint)
    wrapped.createSavepoint = transaction.createSavepoint.bind(transaction);
  if (transaction.rollbackToSavepoint)
    wrapped.rollbackToSavepoint = transaction.rollbackToSavepoint.bind(transaction);
  if (transaction.releaseSavepoint)
    wrapped.releaseSavepoint = transaction.releaseSavepoint.bind(transaction);
  return wrapped;
}
