/**
 * The errors of this package, as data: each has a stable `code`, says where the problem is,
 * what was expected and what was received. The CLI turns them into messages and exit codes in
 * one place (`report` in `src/cli/run-cli.ts`).
 */
import { nearestFew } from './suggest.js';

/** Why a request cannot be priced. Stable: billing code may branch on it. */
export type PricingErrorCode =
  | 'UNKNOWN_MODEL'
  | 'MISSING_PARAMETER'
  | 'INVALID_PARAMETER'
  | 'UNSUPPORTED_VALUE'
  | 'UNSUPPORTED_MODE'
  | 'TOO_MANY_INPUT_IMAGES'
  | 'UNKNOWN_BOOK';

/** The fields of a {@link PricingError}. */
export interface PricingErrorDetails {
  /** Why the request cannot be priced. */
  readonly code: PricingErrorCode;
  /** The model asked for, when the request named one. */
  readonly model?: string;
  /** The request field at fault (`model`, `duration`, `resolution`, `inputMode`, `inputImageUrls`). */
  readonly parameter: string;
  /** What would have been accepted, e.g. `["5 s", "10 s"]`. */
  readonly allowed: readonly string[];
  /** What the request held, rendered for a person (`"15 s"`, `"\"ten\""`, `"missing"`). */
  readonly received: string;
  /** The nearest known model id, for `UNKNOWN_MODEL` (the nearest book id, for `UNKNOWN_BOOK`). */
  readonly suggestion?: string;
  /** Why a value is refused when the rules say so (an open question on the price list). */
  readonly reason?: string;
}

/**
 * A {@link PricingError} carries every field of its {@link PricingErrorDetails}: this interface
 * merges with the class, whose constructor fills the fields, read-only, from the details.
 */
export interface PricingError extends PricingErrorDetails {}

/**
 * A request that cannot be priced. Thrown by `pricer.quote`; never a silent zero.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface above declares the fields this constructor assigns.
export class PricingError extends Error {
  /** Always `PricingError`. */
  override readonly name = 'PricingError';

  /** @param details - what went wrong; the message is written from it */
  constructor(details: PricingErrorDetails) {
    // The message is written from the details when it is read (see the getter below): a
    // reconciliation that counts refusals by code never pays for words it does not show.
    super();
    // Plain assignments in one order give every refusal the same shape: cheap to build in bulk.
    const self = this as { -readonly [K in keyof PricingErrorDetails]: PricingErrorDetails[K] };
    self.code = details.code;
    if (details.model !== undefined) self.model = details.model;
    self.parameter = details.parameter;
    self.allowed = details.allowed;
    self.received = details.received;
    if (details.suggestion !== undefined) self.suggestion = details.suggestion;
    if (details.reason !== undefined) self.reason = details.reason;
  }

  /** What went wrong, for a person: the model, the parameter, what was received and what is allowed. */
  override get message(): string {
    return pricingMessage(this);
  }

  /**
   * The error as data, for logs and stored charges: `JSON.stringify` of an `Error` keeps none of
   * its message.
   * @returns the name, code and message, and every detail the error has
   */
  toJSON(): PricingErrorJson {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      ...(this.model === undefined ? {} : { model: this.model }),
      parameter: this.parameter,
      allowed: this.allowed,
      received: this.received,
      ...(this.suggestion === undefined ? {} : { suggestion: this.suggestion }),
      ...(this.reason === undefined ? {} : { reason: this.reason }),
    };
  }
}

/** A {@link PricingError} as data (`JSON.stringify` of one): its name, code and message, and every detail it has. */
export interface PricingErrorJson extends PricingErrorDetails {
  /** Always `PricingError`. */
  readonly name: 'PricingError';
  /** What went wrong, for a person, as `error.message` words it. */
  readonly message: string;
}

/** How many ids near the suggestion an unknown model's message names. */
const NEAR_IDS_SHOWN = 2;

function pricingMessage(d: PricingErrorDetails): string {
  const subject = d.model === undefined ? '' : `${d.model}: `;
  const allowed = d.allowed.length > 0 ? `; allowed: ${d.allowed.join(', ')}` : '';
  const reason = d.reason === undefined ? '' : ` (${d.reason})`;
  switch (d.code) {
    case 'UNKNOWN_MODEL': {
      // The suggestion and a few ids near it, not every id: `allowed` holds them all.
      if (d.suggestion === undefined) return `unknown model ${d.received} (${d.allowed.length} models in all)`;
      const near = nearestFew(d.suggestion, d.allowed, NEAR_IDS_SHOWN + 1).filter((id) => id !== d.suggestion);
      return `unknown model ${d.received}; did you mean "${d.suggestion}"? Near it: ${near.join(', ')} (${d.allowed.length} models in all)`;
    }
    case 'MISSING_PARAMETER':
      return `${subject}${d.parameter} is required${d.model === undefined ? '' : ' to price this model'}${allowed}`;
    case 'INVALID_PARAMETER':
      return `${subject}${d.parameter} ${d.received} is not valid${allowed}`;
    case 'UNSUPPORTED_VALUE':
      return `${subject}${d.parameter} ${d.received} is not priced${reason}${allowed}`;
    case 'UNSUPPORTED_MODE':
      return `${subject}${d.parameter}: ${d.received} is not a mode of this model${allowed}`;
    case 'TOO_MANY_INPUT_IMAGES':
      return `${subject}${d.parameter} holds ${d.received}${allowed}`;
    case 'UNKNOWN_BOOK':
      return `unknown price book ${d.received}${d.suggestion === undefined ? '' : `; did you mean "${d.suggestion}"?`}${allowed}`;
  }
}

/** Whether a problem in a rule set stops it from loading (`error`) or is advice (`warning`). */
export type Severity = 'error' | 'warning';

/** One problem found in a rule file, located at `file:line:col`. */
export interface RuleIssue {
  /** A stable name for the kind of problem, e.g. `SCHEMA`, `DUPLICATE_MODEL`, `MISSING_CELL`. */
  readonly code: string;
  /** `error` fails validation; `warning` is reported and, unless strict, passes. */
  readonly severity: Severity;
  /** The rule file, as given to the loader. */
  readonly file: string;
  /** 1-based line of the offending value. */
  readonly line: number;
  /** 1-based column of the offending value. */
  readonly col: number;
  /** JSON Pointer to the offending value inside the file. */
  readonly pointer: string;
  /** What the rules format expects there. */
  readonly expected: string;
  /** What the file holds there. */
  readonly received: string;
}

/**
 * Renders an issue as a person reads it: `file:line:col: message`.
 * @param issue - the problem
 * @returns one line
 */
export function formatRuleIssue(issue: RuleIssue): string {
  const tag = issue.severity === 'warning' ? 'warning: ' : '';
  return `${issue.file}:${issue.line}:${issue.col}: ${tag}expected ${issue.expected}, found ${issue.received}`;
}

/**
 * Puts issues in the order a reader fixes them: by file, in the order the files were given, then
 * by line and column.
 * @param issues - the issues, sorted in place
 * @param files - the rule files, in order
 * @returns the same array
 */
export function sortIssues(issues: RuleIssue[], files: readonly string[]): RuleIssue[] {
  const order = new Map(files.map((file, i) => [file, i]));
  return issues.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.line - b.line || a.col - b.col);
}

/** A rule set that cannot be used; `issues` lists every problem found. */
export class RuleSetError extends Error {
  /** Always `RuleSetError`. */
  override readonly name = 'RuleSetError';
  /** Every problem found, errors first, in file order. */
  readonly issues: readonly RuleIssue[];

  /** @param issues - the problems; at least one is an error */
  constructor(issues: readonly RuleIssue[]) {
    const errors = issues.filter((i) => i.severity === 'error');
    const first = errors[0] ?? issues[0];
    super(
      first === undefined
        ? 'invalid rule set'
        : `invalid rule set (${errors.length} error${errors.length === 1 ? '' : 's'}): ${formatRuleIssue(first)}`,
    );
    this.issues = issues;
  }
}

/** The fields of a {@link RuleFileError}, minus what it derives. */
interface RuleFileErrorInit {
  readonly code: string;
  readonly file: string;
  readonly position: { readonly line: number; readonly col: number };
  readonly pointer: string;
  readonly expected: string;
  readonly received: string;
}

/** A rule file that cannot even be read as JSON: a {@link RuleSetError} with one issue. */
export class RuleFileError extends RuleSetError {
  /** @param init - the problem and its position */
  constructor(init: RuleFileErrorInit) {
    super([
      {
        code: init.code,
        severity: 'error',
        file: init.file,
        line: init.position.line,
        col: init.position.col,
        pointer: init.pointer,
        expected: init.expected,
        received: init.received,
      },
    ]);
  }
}
