/**
 * Finds words written straight into the window's code instead of its catalogs: text between
 * JSX tags, words in the attributes a person reads or hears (aria-label, title, placeholder,
 * alt…), and sentences in string literals anywhere (stores, services). Code strings are left
 * alone: catalog keys (`t('…')`), class names, imports, errors for developers, CSS selectors
 * and the contract's own values.
 */
import ts from 'typescript';

export interface Finding {
  file: string;
  line: number;
  text: string;
}

/** Attributes whose value a coordinator reads or a screen reader says. */
const READ_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-valuetext',
  'aria-roledescription',
  'title',
  'placeholder',
  'alt',
  'label',
  'summary',
]);

/** Functions whose string arguments are keys or code, not words. */
const KEY_CALLS = new Set(['t', 'word', 'i18nKey', 'Error', 'querySelector', 'querySelectorAll']);

/** Values of the contract that contain a space (a table's status), not words of the window. */
const CODE_VALUES = new Set(['in progress', 'saved locally', 'not available']);

const LETTER = /\p{L}/u;
/** Two words or more: what a sentence looks like. */
const WORDS = /\p{L}{2,}[,.:;!?'’)]*\s+[(“"«]*\p{L}{2,}/u;

function calleeName(call: ts.CallExpression | ts.NewExpression): string {
  const e = call.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return '';
}

/** Is this string in a place where code, not words, is expected? */
function codePlace(node: ts.Node): boolean {
  for (let p: ts.Node | undefined = node.parent; p; p = p.parent) {
    if (ts.isImportDeclaration(p) || ts.isExportDeclaration(p)) return true;
    if (ts.isLiteralTypeNode(p)) return true;
    if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && KEY_CALLS.has(calleeName(p)))
      return true;
    if (ts.isJsxAttribute(p)) {
      const name = p.name.getText();
      return !READ_ATTRIBUTES.has(name);
    }
    if (ts.isPropertyAssignment(p) && p.name === node) return true;
    // An element access (`x['key']`) or a comparison names a value, it does not say it.
    if (ts.isElementAccessExpression(p)) return true;
    if (ts.isBinaryExpression(p) && /^[!=]==?$/.test(p.operatorToken.getText())) return true;
    if (ts.isCaseClause(p)) return true;
    if (ts.isBlock(p) || ts.isSourceFile(p)) return false;
  }
  return false;
}

function textOf(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  return null;
}

/** The hard-coded words of one source file. */
export function scanSource(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(
    file,
    source,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: Finding[] = [];
  const add = (node: ts.Node, text: string): void => {
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    found.push({ file, line: line + 1, text: text.trim() });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) {
      if (LETTER.test(node.text)) add(node, node.text);
    } else if (ts.isJsxAttribute(node)) {
      const name = node.name.getText();
      const init = node.initializer;
      if (READ_ATTRIBUTES.has(name) && init && ts.isStringLiteral(init)) {
        if (LETTER.test(init.text)) add(node, `${name}="${init.text}"`);
        return;
      }
    } else {
      const text = textOf(node);
      if (
        text !== null &&
        WORDS.test(text) &&
        !CODE_VALUES.has(text) &&
        !text.includes(':not(') &&
        !codePlace(node)
      ) {
        add(node, text);
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}
