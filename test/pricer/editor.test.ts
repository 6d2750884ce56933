import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { createPricer } from '../../src/index.js';

/** What an editor sees: TypeScript's language service over one file that uses the package's source. */
function editor(text: string) {
  const file = resolve('test/pricer/editor-virtual.ts');
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    exactOptionalPropertyTypes: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [file],
    getScriptVersion: () => '1',
    getScriptSnapshot: (name) => {
      const content = name === file ? text : ts.sys.readFile(name);
      return content === undefined ? undefined : ts.ScriptSnapshot.fromString(content);
    },
    getCurrentDirectory: () => process.cwd(),
    getCompilationSettings: () => options,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (name) => name === file || ts.sys.fileExists(name),
    readFile: (name) => (name === file ? text : ts.sys.readFile(name)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());
  return {
    /** The completions at the `|` in the text (which the file holds without it). */
    completionsAt: (marker: number) => (service.getCompletionsAtPosition(file, marker, {})?.entries ?? []).map((e) => e.name),
    errors: () => service.getSemanticDiagnostics(file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
  };
}

/** A file that quotes `request` (with `|` where the editor's cursor is) with the bundled pricer. */
function quoting(request: string) {
  const source = `import { createPricer } from '../../src/index.js';\nconst pricer = createPricer();\npricer.quote(${request});\n`;
  return { text: source.replace('|', ''), marker: source.indexOf('|') };
}

describe('the bundled pricer in an editor', () => {
  it('completes the model ids', () => {
    const { text, marker } = quoting("{ model: '|' }");
    const ids = createPricer()
      .models()
      .map((m) => m.id);
    expect(editor(text).completionsAt(marker).sort()).toEqual([...ids].sort());
  });

  it("completes a model's durations and resolutions, in the spellings the pricer reads", () => {
    const duration = quoting("{ model: 'sora-2-text-to-video', resolution: '1080p', duration: '|' }");
    expect(editor(duration.text).completionsAt(duration.marker).sort()).toEqual(['10', '10s', '20', '20s', '5', '5s']);
    const resolution = quoting("{ model: 'sora-2-text-to-video', duration: 10, resolution: '|' }");
    expect(editor(resolution.text).completionsAt(resolution.marker).sort()).toEqual(['1080P', '1080p', '720P', '720p']);
  });

  it('names a typo in the model id, and the ids it expected, in one error', () => {
    const { text } = quoting("{ model: 'sora2-text-to-video', duration: 10, resolution: '1080p' }");
    const errors = editor(text).errors();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('Type \'"sora2-text-to-video"\' is not assignable to type \'"gpt-image-2" | "google/nano-banana" |');
    expect(errors[0]).toContain('Did you mean \'"sora-2-text-to-video"\'?');
  });

  it('names the durations a model prices when a literal one is not, and a missing resolution', () => {
    const fifteen = editor(quoting("{ model: 'sora-2-text-to-video', duration: 15, resolution: '1080p' }").text).errors();
    expect(fifteen).toHaveLength(1);
    // TypeScript orders the union as it meets its members: every spelling of 5, 10 and 20 s.
    expect(fifteen[0]).toContain(
      'Type \'15\' is not assignable to type \'5 | 10 | "5" | "10" | "5s" | "10s" | 20 | "20" | "20s" | undefined\'',
    );
    const missing = editor(quoting("{ model: 'sora-2-text-to-video', duration: 10 }").text).errors();
    expect(missing).toHaveLength(1);
    expect(missing[0]).toContain("Property 'resolution' is missing");
  });
});
