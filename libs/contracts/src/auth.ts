export type UserRole = 'user' | 'admin';

export interface UserView {
  id: number;
  username: string;
  email: string;
  role: UserRole;
  created_at: string;
  last_login_at: string | null;
}

export interface RegisterRequest {
  username: string;
  email: string;
  password: string;
}

export interface LoginRequest {
  username: string;
  password: string;
}

export interface LoginResponse {
  token: string;
  expires_at: string;
  user: UserView;
}
