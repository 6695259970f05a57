import { DomainError } from './errors.js';

/** One move of an aggregate from one state to another, with the reason a person reads in its history. */
export interface Transition<S extends string = string> {
  from: S;
  to: S;
  reason: string;
}

/**
 * An event a domain step asks to publish, named by its contract type (`sales.order.placed`). The step
 * says what happened; the aggregate's store writes it to the outbox in the same transaction.
 */
export interface DomainEvent<T extends object = object> {
  type: string;
  data: T;
  /** The document the event is about, when it is not the aggregate that raised it. */
  aggregateId?: string;
}

/**
 * What every step of an aggregate returns: its new state, the moves it made (each becomes a history
 * row) and the events to publish. Nothing is written by the step itself.
 */
export interface Step<S> {
  state: S;
  transitions: Transition[];
  events: DomainEvent[];
}

/** A step that changes nothing, or only fields: no history, no events. */
export function unchanged<S>(state: S): Step<S> {
  return { state, transitions: [], events: [] };
}

/** A line in the aggregate's history without a change of state (a shipping exception noted, a part shipped). */
export function note<S extends string>(state: S, reason: string): Transition<S> {
  return { from: state, to: state, reason };
}

/** Runs steps in turn on one state, collecting their transitions and events. */
export function chain<S>(state: S, ...steps: Array<(state: S) => Step<S>>): Step<S> {
  return steps.reduce<Step<S>>((acc, step) => {
    const next = step(acc.state);
    return { state: next.state, transitions: [...acc.transitions, ...next.transitions], events: [...acc.events, ...next.events] };
  }, unchanged(state));
}

/**
 * A transition table: which states may follow which. `move` refuses any other with a 409 that says
 * where the aggregate is and where it was asked to go.
 */
export class StateMachine<S extends string> {
  constructor(readonly noun: string, readonly table: Readonly<Record<S, readonly S[]>>) {}

  can(from: S, to: S): boolean {
    return this.table[from]?.includes(to) ?? false;
  }

  move(from: S, to: S, reason: string, what = `A ${this.noun}`): Transition<S> {
    if (!this.can(from, to)) {
      throw new DomainError('conflict', `${this.noun.replace(/ /g, '-')}-transition-refused`, `${what} that is ${from.replace(/_/g, ' ')} cannot become ${to.replace(/_/g, ' ')}`);
    }
    return { from, to, reason };
  }

  get states(): S[] {
    return Object.keys(this.table) as S[];
  }
}
