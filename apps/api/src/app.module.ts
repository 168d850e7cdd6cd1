import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { ProjectionEngine, ReadModels } from '@app/projections';
import { ActivityFeed } from './audit/activity-feed';
import { AuditExportController } from './audit/audit-export.controller';
import { HistoryReader } from './audit/history-reader';
import { TokenVerifier } from './auth/token-verifier';
import { CommandsModule } from './commands/commands.module';
import type { AppConfig } from './config/app-config';
import { DemoUsersController } from './demo/demo-users.controller';
import { Discussions } from './graphql/discussions';
import { ArticleResolver, ClaimResolver, SectionResolver } from './graphql/entity.resolvers';
import { graphqlOptions } from './graphql/graphql-options';
import { GraphqlWsServer } from './graphql/graphql-ws-server';
import { MutationGateway } from './graphql/mutation-gateway';
import { ExpensiveWork } from './graphql/expensive-work';
import { MutationRateLimiter } from './graphql/mutation-rate-limiter';
import { MutationResolver } from './graphql/mutation.resolver';
import { QueryResolver } from './graphql/query.resolver';
import { SubscriptionResolver } from './graphql/subscription.resolver';
import { HealthController } from './health/health.controller';
import { ReadModelModule } from './infrastructure/read-model.module';
import { StoreModule } from './infrastructure/store.module';
import { ReactionProcessor } from './reactions/reaction-processor';
import { ReviewScheduler } from './reactions/review-scheduler';

/** Verifies bearer tokens; its own module so the GraphQL factory can inject it. */
@Module({ providers: [TokenVerifier], exports: [TokenVerifier] })
class AuthModule {}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        StoreModule.forRoot(config),
        ReadModelModule.forRoot(config),
        CommandsModule,
        AuthModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [AuthModule],
          inject: [TokenVerifier, ReadModels, ProjectionEngine],
          useFactory: (verifier: TokenVerifier, readModels: ReadModels, projections: ProjectionEngine) =>
            graphqlOptions(config, verifier, readModels, projections),
        }),
      ],
      // The demo users' tokens are served in demo mode only.
      controllers: [HealthController, AuditExportController, ...(config.demo ? [DemoUsersController] : [])],
      providers: [
        ReactionProcessor,
        ReviewScheduler,
        HistoryReader,
        ActivityFeed,
        SubscriptionResolver,
        GraphqlWsServer,
        MutationRateLimiter,
        ExpensiveWork,
        MutationGateway,
        QueryResolver,
        MutationResolver,
        ArticleResolver,
        ClaimResolver,
        Discussions,
        SectionResolver,
      ],
    };
  }
}
