import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Quote } from '@league/contracts';
import { normalizeSymbol, QUOTE_COLUMNS, toQuote, type QuoteRow } from './quote-row.js';

/** Reads of the current quotes. */
@Injectable()
export class QuoteService {
  constructor(private readonly db: DataSource) {}

  async get(symbol: string): Promise<Quote> {
    return toQuote(await this.row(symbol));
  }

  /** Several quotes in the order asked; every symbol must exist. No symbols: the whole market. */
  async many(symbols: string[]): Promise<Quote[]> {
    const wanted = [...new Set(symbols.map(normalizeSymbol))];
    const rows: QuoteRow[] = wanted.length
      ? await this.db.query(`SELECT ${QUOTE_COLUMNS} FROM quotes WHERE symbol = ANY($1)`, [wanted])
      : await this.db.query(`SELECT ${QUOTE_COLUMNS} FROM quotes ORDER BY symbol`);
    if (!wanted.length) return rows.map(toQuote);
    const bySymbol = new Map(rows.map((r) => [r.symbol, r]));
    const missing = wanted.filter((s) => !bySymbol.has(s));
    if (missing.length)
      throw new NotFoundException(`Unknown symbol${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
    return wanted.map((s) => toQuote(bySymbol.get(s)!));
  }

  /** The raw row (exact price strings), for pricing trades and options. */
  async row(symbol: string): Promise<QuoteRow> {
    const normalized = normalizeSymbol(symbol);
    const rows: QuoteRow[] = await this.db.query(`SELECT ${QUOTE_COLUMNS} FROM quotes WHERE symbol = $1`, [normalized]);
    if (!rows[0]) throw new NotFoundException(`Unknown symbol: ${normalized}`);
    return rows[0];
  }
}
