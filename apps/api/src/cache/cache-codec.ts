import { Decimal } from 'decimal.js';
import { SuperJSON } from 'superjson';

/**
 * The format of values in Redis: a versioned envelope so that a deploy which changes the format never misreads
 * old entries (a different version reads as a miss), with the entry's metadata ahead of the payload:
 *
 *   c1\n{"f":<fresh until, epoch ms>,"g":<group generation or null>,"n":<1 for a cached null>}\n<superjson>
 *
 * The payload is superjson, so Date, bigint, Map, Set and decimal.js Decimals come back as themselves.
 */
export const CODEC_VERSION = 'c1';

export interface EntryMeta {
  /** Fresh until (epoch ms); between this and the Redis expiry the entry is stale (served only with SWR). */
  freshUntil: number;
  /** Generation of the key's invalidation group when written; an entry of an older generation is a miss. */
  generation: number | null;
}

export interface DecodedEntry extends EntryMeta {
  value: unknown;
  /** True when the value holds mutable non-plain objects (Date, Map, Set): readers get a fresh copy. */
  needsCopy: boolean;
}

const serializer = new SuperJSON();
serializer.registerCustom<Decimal, string>(
  {
    isApplicable: (v): v is Decimal => Decimal.isDecimal(v),
    serialize: (v) => v.toString(),
    deserialize: (v) => new Decimal(v),
  },
  'decimal.js',
);

/** Encodes the payload alone (superjson); `needsCopy` says whether readers must get copies. */
export function encodeValue(value: unknown): { payload: string; needsCopy: boolean } {
  const { json, meta } = serializer.serialize(value);
  const needsCopy = meta?.values !== undefined && hasMutableAnnotations(meta.values);
  return { payload: JSON.stringify(meta ? { json, meta } : { json }), needsCopy };
}

export function decodeValue(payload: string): unknown {
  return serializer.deserialize(JSON.parse(payload));
}

export function encodeEntry(value: unknown, meta: EntryMeta): { text: string; payload: string; needsCopy: boolean } {
  const { payload, needsCopy } = encodeValue(value);
  const head = JSON.stringify({ f: meta.freshUntil, g: meta.generation, c: needsCopy ? 1 : 0 });
  return { text: `${CODEC_VERSION}\n${head}\n${payload}`, payload, needsCopy };
}

/**
 * The metadata of an entry from the first bytes of its text (GETRANGE), without reading or decoding the payload;
 * null when it is not an entry of this codec version. Refresh-ahead uses it to see how long a key stays fresh.
 */
export function decodeHead(text: string): EntryMeta | null {
  if (!text.startsWith(`${CODEC_VERSION}\n`)) return null;
  const headEnd = text.indexOf('\n', CODEC_VERSION.length + 1);
  if (headEnd < 0) return null;
  try {
    const head = JSON.parse(text.slice(CODEC_VERSION.length + 1, headEnd)) as { f: number; g: number | null };
    return typeof head.f === 'number' ? { freshUntil: head.f, generation: head.g ?? null } : null;
  } catch {
    return null;
  }
}

/** Bytes of an entry's text that always hold its head (`c1`, the JSON head and its newline). */
export const HEAD_BYTES = 128;

/** The entry, or null when the text is not an entry of this codec version (read as a miss). */
export function decodeEntry(text: string): (DecodedEntry & { payload: string }) | null {
  if (!text.startsWith(`${CODEC_VERSION}\n`)) return null;
  const headEnd = text.indexOf('\n', CODEC_VERSION.length + 1);
  if (headEnd < 0) return null;
  try {
    const head = JSON.parse(text.slice(CODEC_VERSION.length + 1, headEnd)) as { f: number; g: number | null; c: 0 | 1 };
    const payload = text.slice(headEnd + 1);
    return { value: decodeValue(payload), payload, freshUntil: head.f, generation: head.g, needsCopy: head.c === 1 };
  } catch {
    return null;
  }
}

/** superjson annotations naming a type whose instances can be changed in place. */
function hasMutableAnnotations(values: unknown): boolean {
  return /"(Date|map|set|regexp|Error|class)"/.test(JSON.stringify(values));
}

/** Freezes a plain value in depth so a caller cannot change what the cache holds (Decimal and Date excepted). */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) {
    for (const item of value) deepFreeze(item);
    return Object.freeze(value);
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return Object.freeze(value);
}
