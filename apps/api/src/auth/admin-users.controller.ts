import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { Page, UserView } from '@league/contracts';
import { PageQueryDto } from '../common/dto/page-query.dto.js';
import { toUserView, USER_COLUMNS, type UserRow } from './user-view.js';

/** The admin's list of accounts, newest first. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly db: DataSource) {}

  @Get()
  async list(@Query() query: PageQueryDto): Promise<Page<UserView>> {
    const offset = (query.page - 1) * query.page_size;
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(`SELECT ${USER_COLUMNS} FROM users ORDER BY id DESC LIMIT $1 OFFSET $2`, [
        query.page_size,
        offset,
      ]) as Promise<UserRow[]>,
      this.db.query(`SELECT count(*)::int AS total FROM users`) as Promise<{ total: number }[]>,
    ]);
    return { items: rows.map(toUserView), page: query.page, page_size: query.page_size, total };
  }
}
