// Writes one self-contained, strict JSON schema per Kubernetes kind used under k8s/, from the npm
// package kubernetes-models 3.1.0 (Kubernetes 1.22.0's OpenAPI). Run once, where npm reaches its registry:
//   cd "$(mktemp -d)" && npm install kubernetes-models@3.1.0 && node <repo>/src/test/resources/k8s-schemas/extract.js <repo>/src/test/resources/k8s-schemas
// "Strict" as kubectl applies it: an object schema with properties refuses properties it does not name.
const fs = require('fs');
const path = require('path');
const modules = path.join(process.cwd(), 'node_modules');
const ajv = require(path.join(modules, '@kubernetes-models/validate/dist/ajv.js'));

const out = process.argv[2];
const kinds = {
  'deployment-apps-v1': ['IoK8sApiAppsV1Deployment', 'io.k8s.api.apps.v1.Deployment'],
  'service-v1': ['IoK8sApiCoreV1Service', 'io.k8s.api.core.v1.Service'],
  'secret-v1': ['IoK8sApiCoreV1Secret', 'io.k8s.api.core.v1.Secret'],
  'networkpolicy-networking-v1': ['IoK8sApiNetworkingV1NetworkPolicy', 'io.k8s.api.networking.v1.NetworkPolicy'],
  'poddisruptionbudget-policy-v1': ['IoK8sApiPolicyV1PodDisruptionBudget', 'io.k8s.api.policy.v1.PodDisruptionBudget'],
};

function strict(node) {
  if (Array.isArray(node)) {
    node.forEach(strict);
  } else if (node && typeof node === 'object') {
    if (typeof node.$ref === 'string') {
      node.$ref = '#/definitions/' + node.$ref.replace(/#$/, '');
    }
    if (node.properties && node.additionalProperties === undefined) {
      node.additionalProperties = false;
    }
    Object.values(node).forEach(strict);
  }
  return node;
}

for (const [file, [module, id]] of Object.entries(kinds)) {
  const registered = {};
  ajv.register = (name, schema) => { registered[name] = JSON.parse(JSON.stringify(schema)); };
  require(path.join(modules, `kubernetes-models/_schemas/${module}.js`)).addSchema();
  const definitions = {};
  for (const [name, schema] of Object.entries(registered)) {
    definitions[name] = strict(schema);
  }
  const root = { $schema: 'http://json-schema.org/draft-07/schema#', $ref: `#/definitions/${id}`, definitions };
  fs.writeFileSync(path.join(out, `${file}.json`), JSON.stringify(root, null, 1) + '\n');
  console.log(file, Object.keys(definitions).length, 'definitions');
}
