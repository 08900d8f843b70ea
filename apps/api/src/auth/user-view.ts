import type { UserView } from '@league/contracts';

export interface UserRow {
  id: number;
  username: string;
  email: string;
  role: UserView['role'];
  created_at: Date;
  last_login_at: Date | null;
}

export const USER_COLUMNS = 'id, username, email, role, created_at, last_login_at';

export function toUserView(row: UserRow): UserView {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    role: row.role,
    created_at: row.created_at.toISOString(),
    last_login_at: row.last_login_at ? row.last_login_at.toISOString() : null,
  };
}
