export { type CompiledTemplate, compileTemplate, isTemplate, type VariablePath } from "./compile-template.js";
export {
  CompiledParams,
  compileParams,
  deferParams,
  type ParamTemplate,
  type ParamTemplateIssue,
  scanParams,
  TemplateParamsError,
} from "./compiled-params.js";
export { isSimpleTemplate } from "./simple-template.js";
export {
  formatPath,
  type MissingReason,
  MissingVariableError,
  TemplateRenderError,
  TemplateSyntaxError,
  type TemplateSyntaxIssue,
} from "./template-errors.js";
export { loadTemplateCompiler } from "./template-loader.js";
