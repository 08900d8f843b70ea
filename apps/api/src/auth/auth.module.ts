import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AdminBootstrapService } from './admin-bootstrap.service.js';
import { AdminUsersController } from './admin-users.controller.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { RateCounter } from './rate-counter.js';
import { SessionChangeListener } from './session-change-listener.js';
import { SessionService } from './session.service.js';

@Module({
  controllers: [AuthController, AdminUsersController],
  providers: [
    AuthService,
    SessionService,
    SessionChangeListener,
    LoginThrottleService,
    RateCounter,
    AdminBootstrapService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [SessionService, AdminBootstrapService, RateCounter],
})
export class AuthModule {}
