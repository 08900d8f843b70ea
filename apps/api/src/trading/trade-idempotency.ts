import { createHash } from 'node:crypto';
import { UnprocessableEntityException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TradeResult } from '@league/contracts';
import { normalizeSymbol } from '../market/quote-row.js';
import type { TradeDto } from './dto/trade.dto.js';

/** What a key already stands for: the committed answer of its first order. */
export interface IdempotentReplay {
  result: TradeResult;
}

/**
 * Idempotency-Key of POST /api/leagues/:id/trades, kept in `trade_idempotency_keys` inside the order's own
 * transaction. The first attempt inserts the key row; a retry's insert waits on that row until the first attempt
 * commits (then it reads the stored answer) or rolls back (then it runs the order itself). So an order runs at most
 * once per key, also when retries arrive together or on other instances.
 */
export const TradeIdempotency = {
  /** A fingerprint of the order: the same key with a different order is refused. */
  fingerprint(leagueId: number, order: TradeDto): string {
    const canonical = JSON.stringify([
      leagueId,
      normalizeSymbol(order.symbol),
      order.side,
      order.quantity,
      order.option ? [order.option.type, Number(order.option.strike), order.option.expiration] : null,
    ]);
    return createHash('sha256').update(canonical).digest('hex');
  },

  /**
   * Claims `key` for this order, or answers the replay of the order that holds it. A key older than `ttlMs` is
   * free again. Throws 422 when the key belongs to a different order.
   */
  async claim(
    m: EntityManager,
    userId: number,
    key: string,
    fingerprint: string,
    now: Date,
    ttlMs: number,
  ): Promise<IdempotentReplay | null> {
    const claimed: unknown[] = await m.query(
      `INSERT INTO trade_idempotency_keys (user_id, key, request_hash, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, created_at = EXCLUDED.created_at, trade_id = NULL, response = NULL
         WHERE trade_idempotency_keys.created_at < $5
       RETURNING user_id`,
      [userId, key, fingerprint, now, new Date(now.getTime() - ttlMs)],
    );
    if (claimed.length) return null;
    // A new statement sees the first attempt's committed row (READ COMMITTED).
    const [held]: { request_hash: string; response: TradeResult }[] = await m.query(
      `SELECT request_hash, response FROM trade_idempotency_keys WHERE user_id = $1 AND key = $2`,
      [userId, key],
    );
    if (held.request_hash !== fingerprint) {
      throw new UnprocessableEntityException(
        'This Idempotency-Key was already used for a different order; use a new key for a new order',
      );
    }
    return { result: held.response };
  },

  /** Stores the answer with the key, in the order's transaction. */
  async record(m: EntityManager, userId: number, key: string, result: TradeResult): Promise<void> {
    await m.query(`UPDATE trade_idempotency_keys SET trade_id = $3, response = $4 WHERE user_id = $1 AND key = $2`, [
      userId,
      key,
      result.trade.id,
      JSON.stringify(result),
    ]);
  },
};
