import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { COMMAND_HANDLERS } from './handlers';
import { StreamReads } from './stream-reads';
import { StreamWriter } from './stream-writer';
import { TakenSlugs } from './taken-slugs';

/** The write side: one handler per command on the CommandBus, all writing through StreamWriter. */
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [StreamWriter, StreamReads, TakenSlugs, ...COMMAND_HANDLERS],
  exports: [CqrsModule, StreamWriter, StreamReads],
})
export class CommandsModule {}
