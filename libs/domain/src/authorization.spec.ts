import { admin, auditor, polymath } from '../test/fixtures';
import { authorize, mayIssue, requiredRoles, USER_COMMAND_NAMES } from './authorization';
import { Forbidden } from './errors';
import { ROLES } from './types';

const matrix = USER_COMMAND_NAMES.flatMap((command) => ROLES.map((role) => [command, role] as const));

describe('authorization', () => {
  // Which roles each command needs is specified with the command, in its decider's spec.
  it('names at least one role for every mutation', () => {
    for (const command of USER_COMMAND_NAMES) expect(requiredRoles[command].length).toBeGreaterThan(0);
  });

  it.each(matrix)('%s by a user holding only %s', (command, role) => {
    const actor = { id: `user-${role}`, roles: [role] };
    if (requiredRoles[command].includes(role)) {
      expect(() => authorize(actor, command)).not.toThrow();
    } else {
      expect(() => authorize(actor, command)).toThrow(Forbidden);
    }
  });

  it('refuses an AUDITOR every change', () => {
    for (const command of USER_COMMAND_NAMES) expect(mayIssue(auditor, command)).toBe(false);
  });

  it('lets an ADMIN take text down and nothing else: ADMIN signs nothing', () => {
    expect(USER_COMMAND_NAMES.filter((command) => mayIssue(admin, command))).toEqual(['unpublishSection']);
  });

  it('lets a user with several roles do what any of them allows', () => {
    expect(USER_COMMAND_NAMES.filter((command) => !mayIssue(polymath, command))).toEqual([]);
  });

  it('refuses a user with no roles', () => {
    expect(() => authorize({ id: 'nobody', roles: [] }, 'addReference')).toThrow(Forbidden);
  });

  it('refuses an actor without an id, whom four-eyes could not tell apart', () => {
    expect(() => authorize({ id: '', roles: ['EDITOR'] }, 'importArticle')).toThrow(Forbidden);
  });

  it('tells the caller which roles would do, as FORBIDDEN', () => {
    let refusal: unknown;
    try {
      authorize(auditor, 'resolveReference');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(Forbidden);
    expect(refusal).toMatchObject({ code: 'FORBIDDEN', requiredRoles: ['EDITOR', 'FACT_CHECKER'] });
  });
});
