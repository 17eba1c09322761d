/** `rulebridge/cli`: the command line as a plain function, `(argv, io) => exit code`. */
export { cli, mainHelp } from "./cli.js";
export type { CliIo, ExitCode } from "./io.js";
export { loadProject, type Project, type ProjectOptions } from "./project/load-project.js";
