/**
 * A wire type as node-postgres returns its row: the named timestamp columns arrive as Dates (nullable where the
 * wire field is), and `overrides` replace fields whose column type differs (bigint ids and numerics as strings).
 * Rows are typed from the wire types so that the two cannot drift apart.
 */
export type RowOf<Wire, DateFields extends keyof Wire, Overrides = object> = Omit<
  Wire,
  DateFields | keyof Overrides
> & { [F in DateFields]: null extends Wire[F] ? Date | null : Date } & Overrides;
