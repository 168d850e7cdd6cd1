import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../infrastructure/tokens';
import { demoUserTokens } from './demo-seeder';

/**
 * GET /demo/users — the demo users with freshly minted tokens, for the web app's "Sign in as"
 * buttons. AppModule registers it only in demo mode (DEMO=1); otherwise the path is a 404.
 */
@Controller('demo')
export class DemoUsersController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get('users')
  @Header('cache-control', 'no-store')
  async users() {
    return { users: await demoUserTokens(this.config) };
  }
}
