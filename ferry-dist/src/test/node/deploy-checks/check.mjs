// Runs third-party checkers over the deployment files and prints what they found as JSON, for
// ImageFilesIT and KubernetesManifestIT to assert on:
//   node check.mjs dockerfile FILE            dockerfile-utils' validator (the one VS Code's Docker
//                                             support uses) and dockerfile-ast's instructions
//   node check.mjs dockerignore DIR PATH...   which PATHs DIR/.dockerignore leaves out of the
//                                             build context (@balena/dockerignore, a port of Docker's own matcher)
//   node check.mjs kubernetes FILE            every document of a manifest validated against
//                                             Kubernetes' OpenAPI schemas (kubernetes-models), and
//                                             checked for fields Kubernetes does not know (as
//                                             kubectl's strict field validation), from the official
//                                             client's models (@kubernetes/client-node)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { parseAllDocuments } from "yaml";

const require = createRequire(import.meta.url);
const [command, ...args] = process.argv.slice(2);

function dockerfile(file) {
  const { validate } = require("dockerfile-utils");
  const { DockerfileParser } = require("dockerfile-ast");
  const content = readFileSync(file, "utf8");
  const diagnostics = validate(content).map((d) => ({
    line: d.range.start.line + 1,
    severity: d.severity === 1 ? "error" : "warning",
    message: d.message,
  }));
  const instructions = DockerfileParser.parse(content).getInstructions().map((i) => {
    const keyword = i.getKeyword();
    const entry = {
      keyword,
      line: i.getRange().start.line + 1,
      content: i.getArgumentsContent(),
      arguments: i.getArguments().map((a) => a.getValue()),
      flags: typeof i.getFlags === "function"
        ? Object.fromEntries(i.getFlags().map((f) => [f.getName(), f.getValue()]))
        : {},
    };
    if (keyword === "FROM") {
      entry.image = i.getImage();
      entry.stage = i.getBuildStage();
    }
    if (keyword === "COPY" || keyword === "ADD") {
      // Flags come first; the remaining arguments are sources then the destination.
      entry.arguments = entry.arguments.filter((a) => !a.startsWith("--"));
    }
    return entry;
  });
  return { diagnostics, instructions };
}

function dockerignore(dir, paths) {
  const ignore = require("@balena/dockerignore");
  const rules = ignore().add(readFileSync(join(dir, ".dockerignore"), "utf8"));
  return Object.fromEntries(paths.map((p) => [p, rules.ignores(p)]));
}

// The schema validators accept fields they do not know (as a server without strict validation
// does), so a misspelt `readinesProbe` would pass them: this walks the object along the official
// client's type map and names every field that is not part of its type.
async function unknownFields(object, typeName) {
  // Only the generated models, not the client's index (its HTTP stack needs a newer Node.js).
  const models = await import(new URL("node_modules/@kubernetes/client-node/dist/gen/models/ObjectSerializer.js",
    import.meta.url).href);
  const found = [];
  const walk = (value, type, path) => {
    if (value === null || value === undefined) {
      return;
    }
    if (type.startsWith("Array<")) {
      const inner = type.slice("Array<".length, -1);
      (Array.isArray(value) ? value : []).forEach((v, i) => walk(v, inner, `${path}/${i}`));
      return;
    }
    const map = /^\{ \[key: string\]: (.*); \}$/.exec(type);
    if (map) {
      Object.entries(value).forEach(([k, v]) => walk(v, map[1], `${path}/${k}`));
      return;
    }
    const model = models[type];
    if (!model || typeof model.getAttributeTypeMap !== "function" || typeof value !== "object") {
      return; // a scalar, IntOrString or a free-form object
    }
    const known = new Map(model.getAttributeTypeMap().map((a) => [a.baseName, a.type]));
    for (const [key, v] of Object.entries(value)) {
      if (known.has(key)) {
        walk(v, known.get(key), `${path}/${key}`);
      } else {
        found.push(`${path}/${key} is not a field of ${type}`);
      }
    }
  };
  walk(object, typeName, "");
  return found;
}

async function kubernetes(file) {
  const models = {
    "apps/v1/Deployment": ["V1Deployment", () => import("kubernetes-models/apps/v1/Deployment")],
    "v1/Service": ["V1Service", () => import("kubernetes-models/v1/Service")],
    "v1/ConfigMap": ["V1ConfigMap", () => import("kubernetes-models/v1/ConfigMap")],
    "policy/v1/PodDisruptionBudget": ["V1PodDisruptionBudget", () => import("kubernetes-models/policy/v1/PodDisruptionBudget")],
  };
  const results = [];
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length > 0) {
      results.push({ kind: null, name: null, errors: doc.errors.map((e) => e.message) });
      continue;
    }
    const object = doc.toJS();
    if (object == null) {
      continue;
    }
    const key = `${object.apiVersion}/${object.kind}`;
    const entry = { kind: object.kind, apiVersion: object.apiVersion, name: object.metadata?.name ?? null, errors: [], object };
    if (!models[key]) {
      entry.errors.push(`no schema known to this check for ${key}; add it to check.mjs`);
    } else {
      const [typeName, load] = models[key];
      const module = await load();
      const Model = module[object.kind];
      try {
        new Model(object).validate();
      } catch (e) {
        entry.errors.push(e.message);
      }
      entry.errors.push(...await unknownFields(object, typeName));
    }
    results.push(entry);
  }
  return results;
}

let result;
switch (command) {
  case "dockerfile":
    result = dockerfile(args[0]);
    break;
  case "dockerignore":
    result = dockerignore(args[0], args.slice(1));
    break;
  case "kubernetes":
    result = await kubernetes(args[0]);
    break;
  default:
    console.error("usage: node check.mjs dockerfile FILE | dockerignore DIR PATH... | kubernetes FILE");
    process.exit(2);
}
console.log(JSON.stringify(result));
