import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AddClaimHandler } from './add-claim';
import { DecideHandler } from './decide-command';
import { ImportArticleHandler } from './import-article';
import { StreamReads } from './stream-reads';
import { StreamWriter } from './stream-writer';
import { TakenSlugs } from './taken-slugs';

/**
 * The write side, all through StreamWriter: DecideHandler for every command on one stream, and
 * the two commands that write several streams at once (import, addClaim).
 */
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [StreamWriter, StreamReads, TakenSlugs, DecideHandler, ImportArticleHandler, AddClaimHandler],
  exports: [CqrsModule, StreamWriter, StreamReads],
})
export class CommandsModule {}
