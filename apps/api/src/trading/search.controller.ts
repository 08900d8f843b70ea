import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { SearchResults } from '@league/contracts';
import { CacheKey, InvalidCacheKeyError } from '../cache/cache-key.js';
import { CacheRoute } from '../cache/http-cache.interceptor.js';
import { intQuery, MAX_PAGE, onlyQuery } from '../cache/route-key.js';
import { SEARCH_PAGE_SIZE } from './cached-reads.js';
import { SearchQueryDto } from './dto/search-query.dto.js';
import { SearchService } from './search.service.js';

@ApiTags('search')
@ApiBearerAuth()
@Controller('api/search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  /** `q` of 2 to 100 characters; `category` users, leagues or symbols (absent: all). */
  @Get()
  @CacheRoute({ scope: 'public', type: 'search', key: searchKey })
  find(@Query() query: SearchQueryDto): Promise<SearchResults> {
    return this.search.search(query.q, query.category, query.page, Math.min(query.page_size, 50));
  }
}

const CATEGORIES = ['users', 'leagues', 'symbols'];

/**
 * The key hashes the query in normal form (lower case, single spaces). Only a query already in that form
 * (after the trim the DTO does) is cached: "App" would echo another casing and "a  b" searches other text.
 */
function searchKey(r: FastifyRequest): string {
  const q = onlyQuery(r, ['q', 'category', 'page', 'page_size']);
  const text = q.q?.trim() ?? '';
  if (text.length < 2 || text.length > 100 || text !== text.toLowerCase() || /\s{2,}|[^\S ]/.test(text)) {
    throw new InvalidCacheKeyError('query not in normal form');
  }
  if (q.category !== undefined && !CATEGORIES.includes(q.category)) throw new InvalidCacheKeyError('category');
  const pageSize = Math.min(intQuery(q.page_size, SEARCH_PAGE_SIZE, 200), SEARCH_PAGE_SIZE);
  return CacheKey.search(text, q.category ?? 'all', intQuery(q.page, 1, MAX_PAGE), pageSize);
}
