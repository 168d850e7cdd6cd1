import { fold, type Decider } from '../src/decider';

/**
 * Given/when/then for deciders, after Emmett's DeciderSpecification: the history is folded with
 * `evolve`, the command goes to `decide`, and the outcome is either the new events or an error.
 * History and state are deep-frozen, so a decider that mutates what it is given fails loudly.
 */
type ErrorClass<T extends Error> = abstract new (...args: never[]) => T;
type ErrorCheck<T> = ((error: T) => boolean) | Partial<{ [K in keyof T]: unknown }>;

export interface Then<Event> {
  then(expected: Event[]): void;
  thenNothingHappens(): void;
  thenThrows<T extends Error>(errorClass: ErrorClass<T>, check?: ErrorCheck<T>): void;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

export function deciderSpecification<Command, Event, State>(decider: Decider<Command, Event, State>) {
  return {
    given(history: Event[]) {
      return {
        when(command: Command): Then<Event> {
          const run = () => {
            const state = deepFreeze(fold(decider, deepFreeze(structuredClone(history))));
            return decider.decide(deepFreeze(structuredClone(command)), state);
          };
          return {
            then(expected) {
              expect(run()).toEqual(expected);
            },
            thenNothingHappens() {
              expect(run()).toEqual([]);
            },
            thenThrows(errorClass, check) {
              let outcome: unknown;
              try {
                outcome = run();
              } catch (error) {
                outcome = error;
              }
              expect(outcome).toBeInstanceOf(errorClass);
              if (typeof check === 'function') expect(check(outcome as never)).toBe(true);
              else if (check !== undefined) expect(outcome).toMatchObject(check);
            },
          };
        },
      };
    },
  };
}

/** The state a history folds to, for the assertions that are about `evolve`. */
export function stateAfter<Event, State>(
  decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>,
  history: Event[],
): State {
  return fold(decider, deepFreeze(structuredClone(history)));
}
