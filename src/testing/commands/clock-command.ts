/**
 * The passage of time as a model command: the system's clock (through its
 * control) and the oracle's move together.
 *
 * @packageDocumentation
 */
import { controlPath } from '../../mock/paths.js';
import type { ConformanceCommand, ConformanceModel, ConformanceReal } from './model.js';

/**
 * Moves the clock of both the system (through its control) and the oracle.
 * Runs only when the run controls the clock.
 *
 * @example
 * import { AdvanceClockCommand } from 'credential-lifecycle/testing';
 * new AdvanceClockCommand(61_000).toString(); // 'advance the clock by 61000 ms'
 */
export class AdvanceClockCommand implements ConformanceCommand {
  /**
   * A step of `ms` milliseconds.
   *
   * @example
   * import { AdvanceClockCommand } from 'credential-lifecycle/testing';
   * const command = new AdvanceClockCommand(1_000);
   * command.ms; // 1000
   * command.toString(); // 'advance the clock by 1000 ms'
   */
  constructor(readonly ms: number) {}

  /**
   * Only when the clock is controlled.
   *
   * @example
   * import { AdvanceClockCommand, Oracle } from 'credential-lifecycle/testing';
   * const oracle = new Oracle({ clientExtId: 'c1', users: [], policies: [] });
   * new AdvanceClockCommand(1_000).check({ oracle, clock: false, restricted: false, tokens: new Map() }); // false
   */
  check(m: Readonly<ConformanceModel>): boolean {
    return m.clock;
  }

  /**
   * Advances both clocks.
   *
   * @example
   * import { AdvanceClockCommand, Oracle, inProcessSystem } from 'credential-lifecycle/testing';
   * const oracle = new Oracle({ clientExtId: 'c1', users: [], policies: [], start: 0 });
   * await new AdvanceClockCommand(1_000).run(
   *   { oracle, clock: true, restricted: true, tokens: new Map() },
   *   { system: inProcessSystem(), sent: [] },
   * );
   * oracle.now; // 1000
   */
  async run(m: ConformanceModel, r: ConformanceReal): Promise<void> {
    const control = r.system.control;
    if (control === undefined) throw new Error('the clock cannot move without the control API');
    r.sent.push({
      description: this.toString(),
      request: { method: 'POST', path: controlPath.clockAdvance, body: { ms: this.ms } },
      learnt: [],
    });
    await control.advanceClock(this.ms);
    m.oracle.advance(this.ms);
  }

  /**
   * What the step does.
   *
   * @example
   * import { AdvanceClockCommand } from 'credential-lifecycle/testing';
   * `${new AdvanceClockCommand(5)}`; // 'advance the clock by 5 ms'
   */
  toString(): string {
    return `advance the clock by ${this.ms} ms`;
  }
}
