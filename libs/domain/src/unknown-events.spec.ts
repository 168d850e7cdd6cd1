import { stateAfter } from '../test/decider-specification';
import { claimDrafted, sectionCreated } from '../test/fixtures';
import { articleDecider } from './article/article.decider';
import { claimDecider } from './claim/claim.decider';
import { sectionDecider } from './section/section.decider';

/** A log may hold event types a newer version wrote; folding past them changes nothing. */
describe('an event type the deciders do not know', () => {
  const unknown = { type: 'WrittenByANewerVersion', data: { anything: true } } as never;

  const cases: Array<[string, Parameters<typeof stateAfter>[0], unknown[]]> = [
    ['claim', claimDecider as never, [claimDrafted()]],
    ['section', sectionDecider as never, [sectionCreated()]],
    ['article', articleDecider as never, []],
  ];

  it.each(cases)('leaves a %s state as it was', (_kind, decider, history) => {
    expect(stateAfter(decider, [...history, unknown])).toEqual(stateAfter(decider, history));
  });
});
