/**
 * The generated scorers as plain JavaScript (an ES module) plus their `.d.ts`: what an engineer runs on Node 20
 * (`node`, `import { score } from './scorer.mjs'`) with no TypeScript toolchain and no build step.
 */
import { UserError } from '@studio/ir';
import type { ExportInput, TreesExportInput } from '@studio/onnx';
import ts from 'typescript';
import { generateTreesTypeScript } from './generate-trees-typescript';
import { generateTypeScript } from './generate-typescript';

/** A generated scorer as JavaScript (`scorer.mjs`) and its declarations (`scorer.d.mts`). */
export interface GeneratedJavaScript {
  js: string;
  dts: string;
}

const HEADER =
  '// Plain JavaScript (ES module, no dependencies): runs on Node 20 or any modern runtime with no build step.\n' +
  "// Types: the .d.mts file next to it. Usage: import { score, COLUMNS } from './scorer.mjs';\n";

/** Strips the types of a generated TypeScript scorer: its JavaScript and its declaration file. */
export function toJavaScript(source: string): GeneratedJavaScript {
  const compilerOptions: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    removeComments: false,
  };
  const js = ts.transpileModule(source, { compilerOptions, reportDiagnostics: true, fileName: 'scorer.ts' });
  const dts = ts.transpileDeclaration(source, {
    compilerOptions,
    reportDiagnostics: true,
    fileName: 'scorer.ts',
  });
  const problems = [...(js.diagnostics ?? []), ...(dts.diagnostics ?? [])];
  if (problems.length > 0)
    throw new UserError(
      'CODEGEN_JAVASCRIPT_FAILED',
      `The generated scorer could not be turned into JavaScript: ${ts.flattenDiagnosticMessageText(problems[0]!.messageText, ' ')}`,
    );
  return { js: HEADER + js.outputText, dts: HEADER + dts.outputText };
}

/** The neural-network / logistic scorer of `generateTypeScript`, as JavaScript plus `.d.ts`. */
export function generateJavaScript(input: ExportInput): GeneratedJavaScript {
  return toJavaScript(generateTypeScript(input));
}

/** The gradient-boosting scorer of `generateTreesTypeScript`, as JavaScript plus `.d.ts`. */
export function generateTreesJavaScript(input: TreesExportInput): GeneratedJavaScript {
  return toJavaScript(generateTreesTypeScript(input));
}
