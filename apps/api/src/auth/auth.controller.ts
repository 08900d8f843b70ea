import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LoginResponse, UserView } from '@league/contracts';
import { clientGone } from '../common/client-gone.js';
import type { AuthUser } from './auth-user.js';
import { AuthService } from './auth.service.js';
import { CurrentUser } from './current-user.decorator.js';
import { LoginDto } from './dto/login.dto.js';
import { RegisterDto } from './dto/register.dto.js';
import { Public } from './public.decorator.js';
import { SESSION_COOKIE } from './session-token.js';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public('register')
  @Post('register')
  register(@Body() body: RegisterDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<UserView> {
    return this.auth.register(body.username, body.email, body.password, clientGone(reply));
  }

  @Public('login')
  @Post('login')
  @HttpCode(200)
  async login(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponse> {
    const { session, ...response } = await this.auth.login(body.username, body.password, {
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
      gone: clientGone(reply),
    });
    // The body holds a bearer token: no browser or proxy may keep a copy.
    void reply.header('Cache-Control', 'no-store');
    reply.setCookie(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: request.protocol === 'https',
      path: '/',
      expires: session.expiresAt,
    });
    return response;
  }

  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentUser() user: AuthUser, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.logout(user.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() user: AuthUser): Promise<UserView> {
    return this.auth.me(user.id);
  }
}
