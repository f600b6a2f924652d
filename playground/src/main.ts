/**
 * The policy playground: the controls (kind, policy form, the steps of the
 * `explain` script language) and the views (diagram, credential, last login
 * answer, timeline, `analyze` figures, the command line), wired to the
 * library's public root entry. Every state change is a step of a session
 * (`startSession`, `sessionStep`), so the page shows exactly what `explain`
 * answers for the same script.
 */
import {
  analyzePolicy,
  type CredentialKind,
  credentialKinds,
  type ExplainSession,
  explainCommandLine,
  formatDuration,
  type PolicyOfKind,
  parseDuration,
  type Step,
  sessionStep,
  startSession,
  stepDescriptions,
  stepNames,
  typeNameOfKind,
} from 'credential-lifecycle';
import { option as O } from 'fp-ts';
import { DiagramView } from './diagram-view.js';
import { decodeForm, type PolicyField, policyFields } from './fields.js';
import {
  element,
  renderAnalysis,
  renderCredential,
  renderLastLogin,
  renderTimeline,
} from './views.js';

const byId = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`index.html has no #${id}`);
  return el as T;
};

const ui = {
  kind: byId<HTMLSelectElement>('kind'),
  clock: byId<HTMLOutputElement>('clock'),
  steps: byId('step-buttons'),
  waitForm: byId<HTMLFormElement>('wait-form'),
  waitFor: byId<HTMLInputElement>('wait-for'),
  waitError: byId('wait-for-error'),
  undo: byId<HTMLButtonElement>('undo'),
  clear: byId<HTMLButtonElement>('clear'),
  policyForm: byId<HTMLFormElement>('policy-form'),
  policyStatus: byId('policy-status'),
  lifecycleFields: byId('lifecycle-fields'),
  otherFields: byId('other-fields'),
  defaults: byId<HTMLButtonElement>('defaults'),
  diagram: byId('diagram'),
  diagramCaption: byId('diagram-caption'),
  credential: byId('credential'),
  lastLogin: byId('last-login'),
  timeline: byId<HTMLTableElement>('timeline'),
  command: byId('command'),
  copy: byId<HTMLButtonElement>('copy'),
  copyStatus: byId('copy-status'),
  analysis: byId<HTMLTableElement>('analysis'),
};

interface Model {
  readonly kind: CredentialKind;
  readonly fields: readonly PolicyField[];
  /** The last policy the form decoded to; a form with errors leaves it. */
  readonly policy: PolicyOfKind<CredentialKind>;
  readonly steps: readonly Step[];
}

const fieldId = (name: string): string => `param-${name.replace(/[^A-Za-z0-9]/g, '-')}`;

const defaultsOf = (fields: readonly PolicyField[]): Record<string, string> =>
  Object.fromEntries(fields.map((f) => [f.name, f.value]));

const policyOf = (kind: CredentialKind, fields: readonly PolicyField[]) => {
  const decoded = decodeForm(kind, fields, defaultsOf(fields));
  // Unreachable: the defaults decode.
  if (!decoded.ok) throw new Error(`the default ${kind} policy does not decode`);
  return decoded.policy;
};

let model: Model = (() => {
  const fields = policyFields('password');
  return { kind: 'password', fields, policy: policyOf('password', fields), steps: [] };
})();
let session: ExplainSession = startSession(model.kind, model.policy);
const diagram = new DiagramView(ui.diagram, ui.diagramCaption);

const replay = (m: Model): ExplainSession =>
  m.steps.reduce((s, step) => sessionStep(s, step), startSession(m.kind, m.policy));

/** Shows the session (after a step or a policy change). */
const showSession = (): void => {
  ui.clock.value = formatDuration(session.state.at);
  renderCredential(ui.credential, session);
  renderLastLogin(ui.lastLogin, session);
  renderTimeline(ui.timeline, session);
  ui.command.textContent = explainCommandLine(model.kind, model.policy, model.steps);
  ui.copyStatus.textContent = '';
  ui.undo.disabled = model.steps.length === 0;
  void diagram.show(model.kind, model.policy, session.state.lifecycle.state);
};

const showAnalysis = (): void => {
  renderAnalysis(ui.analysis, analyzePolicy(model.kind, model.policy));
};

const setModel = (next: Model, policyChanged: boolean): void => {
  model = next;
  session = replay(model);
  showSession();
  if (policyChanged) showAnalysis();
};

const step = (s: Step): void => {
  model = { ...model, steps: [...model.steps, s] };
  session = sessionStep(session, s);
  showSession();
};

// The step buttons, in the order of the script language.
for (const name of stepNames) {
  if (name === 'wait') continue;
  const button = element('button', undefined, 'step');
  button.type = 'button';
  button.id = `step-${name}`;
  button.dataset.step = name;
  button.append(element('span', name, 'name'), element('span', stepDescriptions[name], 'what'));
  button.addEventListener('click', () => step({ name }));
  ui.steps.append(button);
}

// wait: the duration field is read by the script language's own parser.
ui.waitFor.addEventListener('input', () => {
  ui.waitError.textContent = '';
  ui.waitFor.removeAttribute('aria-invalid');
});
ui.waitForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const ms = parseDuration(ui.waitFor.value.trim());
  if (O.isNone(ms)) {
    ui.waitError.textContent = `bad duration ${JSON.stringify(ui.waitFor.value)}: expected 30s, 5m, 2h, 1d, 1h30m or milliseconds`;
    ui.waitFor.setAttribute('aria-invalid', 'true');
    return;
  }
  step({ name: 'wait', ms: ms.value });
});

ui.undo.addEventListener('click', () =>
  setModel({ ...model, steps: model.steps.slice(0, -1) }, false),
);
ui.clear.addEventListener('click', () => setModel({ ...model, steps: [] }, false));

// The kind.
for (const kind of credentialKinds) {
  const option = element('option', typeNameOfKind[kind]);
  option.value = kind;
  ui.kind.append(option);
}

const durationNote = (field: PolicyField, value: string): string => {
  if (!field.duration || !/^\d+$/.test(value.trim())) return '';
  return ` = ${formatDuration(Number(value))}`;
};

/** One labelled field: a select for booleans and enumerations, a text input otherwise. */
const fieldElement = (field: PolicyField): HTMLElement => {
  const id = fieldId(field.name);
  const wrapper = element('div', undefined, 'field');
  wrapper.dataset.param = field.name;
  const label = element('label', field.name);
  label.htmlFor = id;
  let control: HTMLInputElement | HTMLSelectElement;
  if (field.options === undefined) {
    const input = element('input');
    input.autocomplete = 'off';
    input.spellcheck = false;
    input.value = field.value;
    control = input;
  } else {
    const select = element('select');
    for (const value of field.options) {
      const option = element('option', value);
      option.value = value;
      select.append(option);
    }
    select.value = field.value;
    control = select;
  }
  control.id = id;
  control.name = field.name;
  control.setAttribute('aria-describedby', `${id}-hint ${id}-error`);
  const hint = element('span', `${field.expected}${durationNote(field, field.value)}`, 'hint');
  hint.id = `${id}-hint`;
  const error = element('span', '', 'error');
  error.id = `${id}-error`;
  error.setAttribute('aria-live', 'polite');
  control.addEventListener('input', () => {
    hint.textContent = `${field.expected}${durationNote(field, control.value)}`;
    onPolicyInput();
  });
  wrapper.append(label, control, hint, error);
  return wrapper;
};

const formValues = (): Record<string, string> => {
  const values: Record<string, string> = {};
  for (const field of model.fields) {
    const control = document.getElementById(fieldId(field.name)) as HTMLInputElement | null;
    if (control !== null) values[field.name] = control.value;
  }
  return values;
};

/** Decodes the form; shows each error next to its field; a valid form replaces the policy. */
const onPolicyInput = (): void => {
  const decoded = decodeForm(model.kind, model.fields, formValues());
  for (const field of model.fields) {
    const id = fieldId(field.name);
    const messages = decoded.ok ? [] : (decoded.errors.get(field.name) ?? []);
    const error = document.getElementById(`${id}-error`);
    if (error !== null) error.textContent = messages.join('; ');
    const control = document.getElementById(id);
    if (messages.length > 0) control?.setAttribute('aria-invalid', 'true');
    else control?.removeAttribute('aria-invalid');
  }
  if (!decoded.ok) {
    const general = decoded.errors.get('') ?? [];
    const count = [...decoded.errors.values()].reduce((n, m) => n + m.length, 0);
    ui.policyStatus.textContent = `${count === 1 ? 'One parameter is' : `${count} parameters are`} not valid; the session keeps the last valid policy.${general.length > 0 ? ` ${general.join('; ')}` : ''}`;
    ui.policyStatus.classList.add('invalid');
    return;
  }
  ui.policyStatus.textContent = '';
  ui.policyStatus.classList.remove('invalid');
  setModel({ ...model, policy: decoded.policy }, true);
};

const showFields = (): void => {
  ui.lifecycleFields.replaceChildren(...model.fields.filter((f) => f.lifecycle).map(fieldElement));
  ui.otherFields.replaceChildren(...model.fields.filter((f) => !f.lifecycle).map(fieldElement));
  ui.policyStatus.textContent = '';
  ui.policyStatus.classList.remove('invalid');
};

const chooseKind = (kind: CredentialKind): void => {
  const fields = policyFields(kind);
  model = { kind, fields, policy: policyOf(kind, fields), steps: model.steps };
  showFields();
  setModel(model, true);
};

ui.kind.addEventListener('change', () => {
  const kind = credentialKinds.find((k) => k === ui.kind.value);
  if (kind !== undefined) chooseKind(kind);
});
ui.defaults.addEventListener('click', () => chooseKind(model.kind));
ui.policyForm.addEventListener('submit', (event) => event.preventDefault());

// Copy as command: the clipboard where the browser allows it, else a selection to copy.
ui.copy.addEventListener('click', async () => {
  const text = ui.command.textContent ?? '';
  try {
    await navigator.clipboard.writeText(text);
    ui.copyStatus.textContent = 'Copied to the clipboard.';
  } catch {
    const range = document.createRange();
    range.selectNodeContents(ui.command);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    ui.copyStatus.textContent = 'Selected: press Ctrl+C to copy it.';
  }
});

ui.kind.value = model.kind;
chooseKind(model.kind);
document.body.dataset.ready = 'true';
