export {
  findSecrets,
  findSecretsIn,
  maskSecrets,
  plaintextSecretMessage,
  SECRET_MASK,
  type SecretFinding,
  type SecretMatch,
} from "./find-secrets.js";
export { BUILTIN_SECRET_PATTERNS, type SecretPattern } from "./secret-pattern.js";
