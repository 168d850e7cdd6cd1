/** A stream's behaviour as pure functions (the decider pattern): no I/O, no clock, no framework. */
export interface Decider<Command, Event, State> {
  /** The events the command produces in this state, or a thrown DomainError. */
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState: State;
}

/** Folds events into a state. */
export function fold<E, S>(decider: Pick<Decider<unknown, E, S>, 'evolve' | 'initialState'>, events: Iterable<E>): S {
  let state = decider.initialState;
  for (const event of events) state = decider.evolve(state, event);
  return state;
}
