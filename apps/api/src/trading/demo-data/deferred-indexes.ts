import type pg from 'pg';

/**
 * Drops the secondary indexes of an EMPTY table inside the caller's transaction and returns a function that
 * rebuilds them: building an index once over millions of rows is several times faster than updating it row by
 * row during COPY. Tables that already hold rows keep their indexes. A rollback restores them, since DDL is
 * transactional in PostgreSQL. (Foreign keys stay: dropping one would lock the referenced users and leagues
 * until commit, and the parallel COPY of the other table, which references them too, would wait forever.)
 */
export async function deferIndexes(client: pg.Client, table: string): Promise<() => Promise<void>> {
  const { rows: any } = await client.query(`SELECT 1 FROM ${table} LIMIT 1`);
  if (any.length) return async () => {};
  const { rows } = await client.query<{ name: string; def: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
     FROM pg_index i WHERE i.indrelid = $1::regclass AND NOT i.indisprimary AND NOT i.indisunique`,
    [table],
  );
  for (const r of rows) await client.query(`DROP INDEX ${r.name}`);
  return async () => {
    await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    for (const r of rows) await client.query(r.def);
  };
}

/**
 * For a superuser loading rows that are consistent by construction: skips the per-row foreign-key triggers for
 * this transaction (`session_replication_role = replica`), but only when the table has no triggers of its own, and
 * returns a check that validates every foreign key afterwards with one anti-join each (throwing rolls it all back).
 * Without superuser rights it does nothing and the triggers check each row as usual.
 */
export async function checkForeignKeysAfterLoad(client: pg.Client, table: string): Promise<() => Promise<void>> {
  const { rows } = await client.query<{ superuser: boolean; own_triggers: string }>(
    `SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
            (SELECT count(*) FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal) AS own_triggers`,
    [table],
  );
  if (!rows[0].superuser || Number(rows[0].own_triggers) > 0) return async () => {};
  const { rows: keys } = await client.query<{ name: string; ref: string; cols: string[]; refcols: string[] }>(
    `SELECT c.conname AS name, c.confrelid::regclass::text AS ref,
            array_agg(a.attname::text ORDER BY k.ord) AS cols, array_agg(f.attname::text ORDER BY k.ord) AS refcols
     FROM pg_constraint c
     CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(col, refcol, ord)
     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.col
     JOIN pg_attribute f ON f.attrelid = c.confrelid AND f.attnum = k.refcol
     WHERE c.conrelid = $1::regclass AND c.contype = 'f'
     GROUP BY c.conname, c.confrelid`,
    [table],
  );
  await client.query(`SET LOCAL session_replication_role = replica`);
  return async () => {
    await client.query(`SET LOCAL session_replication_role = origin`);
    for (const k of keys) {
      const present = k.cols.map((c) => `t.${c} IS NOT NULL`).join(' AND ');
      const match = k.cols.map((c, i) => `r.${k.refcols[i]} = t.${c}`).join(' AND ');
      const { rows: broken } = await client.query(
        `SELECT 1 FROM ${table} t WHERE ${present} AND NOT EXISTS (SELECT 1 FROM ${k.ref} r WHERE ${match}) LIMIT 1`,
      );
      if (broken.length) throw new Error(`Loaded ${table} rows break foreign key ${k.name}`);
    }
  };
}
