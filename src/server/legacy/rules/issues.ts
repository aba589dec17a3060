/** Why a row (or one of its values) could not be imported as it is. */
import type { Disposition } from '../catalog/types.js';

export const ISSUE_CODES = {
  'id-out-of-range': 'the id does not fit the target column',
  'required-missing': 'a value the new model requires is missing (NULL or blank)',
  orphan: 'points at a row that does not exist in the file',
  'parent-quarantined': 'points at a row that is itself quarantined',
  'time-unparseable': 'not a recognisable date or time',
  'time-date-only': 'a date without a time where a moment is needed (not guessed)',
  'bool-unrecognised': 'not a yes/no value',
  'number-not-a-number': 'text that is not a number',
  'number-out-of-range': 'a number the new model refuses (0 or less, negative, out of range)',
  'number-not-integer': 'a fraction where a whole number is needed',
  'enum-unknown': "a value outside the new model's list",
  'text-too-long': 'longer than the new model allows',
  'text-not-text': 'a blob where text is needed',
  'interval-ends-before-start': 'ends before it starts',
  'open-interval-superseded': 'an open interval on a machine that has a later open interval',
  'running-order-without-machine': 'running or paused without a usable machine',
  'running-order-superseded': 'running on a machine that runs a later order',
  'no-machine': 'a stop needs a machine and none is known',
  'duplicate-renamed': 'a duplicate of an earlier row: renamed',
  'duplicate-cleared': 'a duplicate of an earlier row: value cleared',
  'duplicate-merged': 'a duplicate of an earlier row: merged into it',
  'duplicate-quarantined': 'a duplicate of an earlier row that the new model allows once',
  'username-invalid': 'characters a user name cannot have',
  'email-invalid': 'not an e-mail address',
  'password-hash-missing': 'no password hash: the account gets one that never verifies',
  'password-hash-unknown': 'not a bcrypt hash: the account cannot sign in until reset',
  'json-invalid': 'not JSON: kept as a JSON string',
  'derived-code': 'a code derived from a name that is used twice or too long',
} as const;

export type IssueCode = keyof typeof ISSUE_CODES;

/** 'report-only': shown in the plan; nothing is recorded and the value is kept. */
export type IssueDisposition = Disposition | 'report-only';

export interface RowIssue {
  code: IssueCode;
  column: string | null;
  disposition: IssueDisposition;
  detail: string;
}

/** True when an issue of this disposition puts the row's raw form in legacy_quarantine. */
export function isRecorded(d: IssueDisposition): boolean {
  return d !== 'report-only';
}
