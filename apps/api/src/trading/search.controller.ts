import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { SearchResults } from '@league/contracts';
import { SearchQueryDto } from './dto/search-query.dto.js';
import { SearchService } from './search.service.js';

@ApiTags('search')
@ApiBearerAuth()
@Controller('api/search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  /** `q` of 2 to 100 characters; `category` users, leagues or symbols (absent: all). */
  @Get()
  find(@Query() query: SearchQueryDto): Promise<SearchResults> {
    return this.search.search(query.q, query.category, query.page, Math.min(query.page_size, 50));
  }
}
