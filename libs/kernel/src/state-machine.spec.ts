import { chain, StateMachine, unchanged, type Step } from './state-machine.js';

type Light = 'red' | 'green' | 'amber';
const light = new StateMachine<Light>('light', { red: ['green'], green: ['amber'], amber: ['red'] });

describe('state machine', () => {
  it('moves along the table and refuses anything else with a 409 naming both states', () => {
    expect(light.move('red', 'green', 'go')).toEqual({ from: 'red', to: 'green', reason: 'go' });
    expect(() => light.move('red', 'amber', 'skip')).toThrow(expect.objectContaining({ status: 409, code: 'light-transition-refused', message: 'A light that is red cannot become amber' }));
  });

  it('chains steps, collecting every transition and event in order', () => {
    const step = (to: Light) => (state: { at: Light }): Step<{ at: Light }> => ({
      state: { at: to }, transitions: [light.move(state.at, to, `to ${to}`)], events: [{ type: `light.${to}`, data: {} }],
    });
    const result = chain({ at: 'red' as Light }, step('green'), (s) => unchanged(s), step('amber'));
    expect(result.state).toEqual({ at: 'amber' });
    expect(result.transitions.map((t) => t.to)).toEqual(['green', 'amber']);
    expect(result.events.map((e) => e.type)).toEqual(['light.green', 'light.amber']);
  });
});
