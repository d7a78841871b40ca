/**
 * The numbered catalogue of GraphIR findings and errors. Codes are stable: the canvas, the API and saved
 * audit records refer to them, so a code is never renumbered or reused; retired codes stay listed.
 * IR0xx are validation diagnostics; IR1xx are errors thrown by the IR functions.
 */
export const diagnosticCodes = {
  INVALID_DOCUMENT: {
    code: 'IR000',
    severity: 'error',
    summary: 'The document does not match the GraphIR schema.',
  },
  UNKNOWN_OP: { code: 'IR001', severity: 'error', summary: 'A node uses an op this Studio does not know.' },
  INVALID_PARAM: {
    code: 'IR002',
    severity: 'error',
    summary: 'A node parameter is missing, mistyped or out of bounds.',
  },
  DUPLICATE_NODE_ID: { code: 'IR003', severity: 'error', summary: 'Two nodes share one id.' },
  DUPLICATE_EDGE_ID: { code: 'IR004', severity: 'error', summary: 'Two edges share one id.' },
  DANGLING_EDGE_NODE: {
    code: 'IR005',
    severity: 'error',
    summary: 'An edge refers to a node that does not exist.',
  },
  DANGLING_EDGE_PORT: {
    code: 'IR006',
    severity: 'error',
    summary: 'An edge refers to a port the node does not have.',
  },
  ILLEGAL_CONNECTION: {
    code: 'IR007',
    severity: 'error',
    summary: 'An output type cannot feed the input it is wired to.',
  },
  CYCLE: { code: 'IR008', severity: 'error', summary: 'The edges form a cycle.' },
  MISSING_INPUT: { code: 'IR009', severity: 'error', summary: 'A required input is not connected.' },
  INPUT_TAKEN: { code: 'IR010', severity: 'error', summary: 'A single input receives more than one edge.' },
  UNUSED_OUTPUT: {
    code: 'IR011',
    severity: 'warning',
    summary: 'An output never reaches an Evaluate, Scorecard or Deploy node.',
  },
  INFERENCE_FAILED: {
    code: 'IR012',
    severity: 'error',
    summary: 'Type or shape inference failed at a node.',
  },
  SELF_LOOP: { code: 'IR013', severity: 'error', summary: 'A node is wired to itself.' },
  DUPLICATE_CONNECTION: {
    code: 'IR014',
    severity: 'error',
    summary: 'The same two ports are connected twice.',
  },
  DATA_WARNING: {
    code: 'IR015',
    severity: 'warning',
    summary: 'A column the Dataset node passes on looks like an ID, leaks the outcome or carries little.',
  },
  PROTECTED_AS_INPUT: {
    code: 'IR016',
    severity: 'warning',
    summary: 'A column marked protected on an Evaluate node is also an input of the model it evaluates.',
  },
  GROUP_UNKNOWN_NODE: {
    code: 'IR017',
    severity: 'error',
    summary: 'A group lists a node the graph does not have.',
  },
  GROUP_OVERLAP: {
    code: 'IR018',
    severity: 'error',
    summary: 'A node belongs to more than one group (or is listed twice in one).',
  },
  GROUP_EMPTY: { code: 'IR019', severity: 'warning', summary: 'A group has no nodes.' },
  GROUP_INTERFACE: {
    code: 'IR020',
    severity: 'warning',
    summary: "A group's boundary is not a clean interface: a path leaves the block and comes back into it.",
  },
  DUPLICATE_GROUP_ID: { code: 'IR021', severity: 'error', summary: 'Two groups share one id.' },
  CHANGE_CONFLICT: {
    code: 'IR101',
    severity: 'error',
    summary: 'A graph change does not fit the graph it is applied to.',
  },
  UNSUPPORTED_VERSION: {
    code: 'IR102',
    severity: 'error',
    summary: 'The document was written by a newer Studio.',
  },
  INVALID_LEGACY_DOCUMENT: {
    code: 'IR103',
    severity: 'error',
    summary: 'An old document cannot be read for migration.',
  },
  NOT_SERIALISABLE: { code: 'IR104', severity: 'error', summary: 'A value has no canonical JSON form.' },
  INFERENCE_INVARIANT: {
    code: 'IR105',
    severity: 'error',
    summary: 'Inference received a value validation should have rejected.',
  },
} as const;

export type DiagnosticName = keyof typeof diagnosticCodes;
export type DiagnosticCode = (typeof diagnosticCodes)[DiagnosticName]['code'];

/** The stable code of a catalogue entry, e.g. `codeOf('UNKNOWN_OP') === 'IR001'`. */
export function codeOf(name: DiagnosticName): DiagnosticCode {
  return diagnosticCodes[name].code;
}
