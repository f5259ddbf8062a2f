#!/usr/bin/env node
// Renders the Kustomize overlays and checks every object, offline:
//  - Kubernetes built-in kinds and KEDA ScaledObjects against their API schemas (kubernetes-models);
//  - Strimzi and CloudNativePG resources against the hand-written schemas in operator-schemas.js (no npm package
//    carries their CRD schemas; these cover the fields we use, reject unknown ones, and are weaker than the CRDs);
//  - the cross-references a schema cannot see: ConfigMaps/Secrets the pods use exist, ScaledObjects watch the
//    consumer groups and topics the services really use, every topic a service uses is declared, KEDA's ceiling
//    does not exceed the partitions, the dev tenants file is config/tenants.properties.
//
// Usage: node validate.js                 every overlay under deploy/overlays
//        node validate.js --file x.yaml   one already-rendered multi-document file (no cross-reference checks)
// Exit code 0 when everything validates; 1 with one line per problem otherwise; 2 when kubectl is missing.
'use strict';

const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const yaml = require('js-yaml');
const operatorSchemas = require('./operator-schemas');

const deployDir = path.resolve(__dirname, '..');
const repoDir = path.resolve(deployDir, '..');

// Secrets an overlay expects the operator to create before applying it (deploy/README.md shows how).
const EXTERNAL_SECRETS = {
  prod: ['orikaeshi-pg-intake', 'orikaeshi-pg-scheduler', 'orikaeshi-pg-notification', 'orikaeshi-pg-reporting',
    'orikaeshi-links', 'orikaeshi-secrets', 'orikaeshi-smtp'],
  dev: [],
};
const CONSUMERS = ['callback-scheduler', 'notification-service', 'reporting-service'];
const SERVICES = ['intake-service', ...CONSUMERS];

function modelFor(apiVersion, kind) {
  const group = apiVersion.includes('/') ? apiVersion : `v1`;
  const modules = group === 'keda.sh/v1alpha1'
    ? ['@kubernetes-models/keda/keda.sh/v1alpha1']
    : [`kubernetes-models/${group}`];
  for (const name of modules) {
    try {
      const mod = require(name);
      if (mod[kind]) {
        return mod[kind];
      }
    } catch (e) {
      if (e.code !== 'MODULE_NOT_FOUND') {
        throw e;
      }
    }
  }
  return null;
}

function describe(obj) {
  const ns = obj && obj.metadata && obj.metadata.namespace ? `${obj.metadata.namespace}/` : '';
  const name = obj && obj.metadata ? obj.metadata.name : '?';
  return `${obj && obj.kind}/${ns}${name}`;
}

/** Schema validation of one object; returns a list of problems. */
function validateObject(obj) {
  if (!obj || typeof obj !== 'object' || !obj.apiVersion || !obj.kind) {
    return [`${describe(obj)}: not a Kubernetes object (apiVersion and kind are required)`];
  }
  if (!obj.metadata || !obj.metadata.name) {
    return [`${describe(obj)}: metadata.name is required`];
  }
  const operatorCheck = operatorSchemas.validator(obj.apiVersion, obj.kind);
  if (operatorCheck) {
    return operatorCheck(obj).map(problem => `${describe(obj)}: ${problem}`);
  }
  const Model = modelFor(obj.apiVersion, obj.kind);
  if (!Model) {
    return [`${describe(obj)}: no schema known for ${obj.apiVersion} ${obj.kind}`];
  }
  try {
    new Model(obj).validate();
    return [];
  } catch (e) {
    return [`${describe(obj)}: ${e.message.replace(/\s+/g, ' ')}`];
  }
}

function render(overlay) {
  try {
    return execFileSync('kubectl', ['kustomize', path.join(deployDir, 'overlays', overlay)],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    if (e.code === 'ENOENT') {
      console.error('kubectl is not installed: it renders the overlays (kubectl kustomize). .ci/run installs it.');
      process.exit(2);
    }
    throw new Error(`kubectl kustomize overlays/${overlay} failed: ${e.stderr || e.message}`);
  }
}

function parseAll(text) {
  return yaml.loadAll(text).filter(doc => doc !== null && doc !== undefined);
}

function properties(file) {
  const result = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = line.match(/^\s*([^#!\s][^=]*?)\s*=\s*(.*)$/);
    if (m) {
      result[m[1]] = m[2];
    }
  }
  return result;
}

/** Topics and consumer groups a service uses, read from its application.properties. */
function kafkaUsage(service) {
  const props = properties(path.join(repoDir, service, 'src/main/resources/application.properties'));
  const consumed = [];
  const produced = new Set();
  for (const [key, value] of Object.entries(props)) {
    // A channel names one topic (".topic") or several (".topics", comma-separated).
    let m = key.match(/^mp\.messaging\.incoming\.([^.]+)\.topics?$/);
    if (m) {
      for (const topic of value.split(',').map(t => t.trim()).filter(t => t)) {
        consumed.push({ topic, group: props[`mp.messaging.incoming.${m[1]}.group.id`] });
      }
      const dlq = props[`mp.messaging.incoming.${m[1]}.dead-letter-queue.topic`];
      if (dlq) {
        produced.add(dlq);
      }
    }
    m = key.match(/^mp\.messaging\.outgoing\.([^.]+)\.topic$/);
    if (m) {
      produced.add(value);
    }
  }
  return { consumed, produced: [...produced] };
}

function crossChecks(overlay, objects) {
  const problems = [];
  const byKind = kind => objects.filter(o => o.kind === kind);
  const names = kind => new Set(byKind(kind).map(o => o.metadata.name));
  const configMaps = names('ConfigMap');
  const secrets = new Set([...names('Secret'), ...EXTERNAL_SECRETS[overlay] || []]);

  for (const deployment of byKind('Deployment')) {
    const pod = deployment.spec.template.spec;
    const refs = [];
    for (const container of pod.containers || []) {
      for (const env of container.env || []) {
        const from = env.valueFrom || {};
        if (from.configMapKeyRef) refs.push(['ConfigMap', from.configMapKeyRef]);
        if (from.secretKeyRef) refs.push(['Secret', from.secretKeyRef]);
      }
    }
    for (const volume of pod.volumes || []) {
      if (volume.configMap) refs.push(['ConfigMap', volume.configMap]);
      if (volume.secret) refs.push(['Secret', { name: volume.secret.secretName, optional: volume.secret.optional }]);
    }
    for (const [kind, ref] of refs) {
      const known = kind === 'ConfigMap' ? configMaps : secrets;
      if (!ref.optional && !known.has(ref.name)) {
        problems.push(`${describe(deployment)}: uses ${kind} ${ref.name}, which the overlay neither defines nor expects`);
      }
    }
  }

  const topics = new Map(byKind('KafkaTopic').map(t => [t.spec.topicName || t.metadata.name, t.spec.partitions]));
  const scaledObjects = new Map(byKind('ScaledObject').map(s => [s.spec.scaleTargetRef.name, s]));
  for (const service of SERVICES) {
    const usage = kafkaUsage(service);
    for (const topic of [...usage.consumed.map(c => c.topic), ...usage.produced]) {
      if (!topics.has(topic)) {
        problems.push(`${service} uses topic ${topic}, which has no KafkaTopic`);
      }
    }
    if (!CONSUMERS.includes(service)) {
      continue;
    }
    const scaled = scaledObjects.get(service);
    if (!scaled) {
      problems.push(`${service} consumes Kafka but has no ScaledObject`);
      continue;
    }
    const triggers = scaled.spec.triggers.filter(t => t.type === 'kafka').map(t => t.metadata);
    const key = (group, topic) => `${group} on ${topic}`;
    const watched = new Set(triggers.map(t => key(t.consumerGroup, t.topic)));
    const used = new Set(usage.consumed.map(c => key(c.group, c.topic)));
    for (const k of used) {
      if (!watched.has(k)) problems.push(`ScaledObject/${service} does not watch the lag of ${k}`);
    }
    for (const k of watched) {
      if (!used.has(k)) problems.push(`ScaledObject/${service} watches ${k}, which ${service} does not consume`);
    }
    const partitions = Math.max(...usage.consumed.map(c => topics.get(c.topic) || 0));
    if (scaled.spec.maxReplicaCount > partitions) {
      problems.push(`ScaledObject/${service}: maxReplicaCount ${scaled.spec.maxReplicaCount} exceeds the `
        + `${partitions} partitions it can be given`);
    }
  }

  if (overlay === 'dev') {
    const copy = fs.readFileSync(path.join(deployDir, 'overlays/dev/tenants.properties'), 'utf8');
    const original = fs.readFileSync(path.join(repoDir, 'config/tenants.properties'), 'utf8');
    if (copy !== original) {
      problems.push('deploy/overlays/dev/tenants.properties differs from config/tenants.properties: copy it again');
    }
  }
  return problems;
}

function report(label, objects, problems) {
  const kinds = {};
  objects.forEach(o => { kinds[o.kind] = (kinds[o.kind] || 0) + 1; });
  const summary = Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(', ');
  console.log(`${label}: ${objects.length} objects (${summary}), ${problems.length} problem(s)`);
  problems.forEach(p => console.log(`  INVALID ${p}`));
}

function main(args) {
  let failed = false;
  const fileIndex = args.indexOf('--file');
  if (fileIndex >= 0) {
    const file = args[fileIndex + 1];
    const objects = parseAll(fs.readFileSync(file, 'utf8'));
    const problems = objects.flatMap(validateObject);
    report(file, objects, problems);
    failed = problems.length > 0 || objects.length === 0;
  } else {
    const overlays = fs.readdirSync(path.join(deployDir, 'overlays')).sort();
    for (const overlay of overlays) {
      const objects = parseAll(render(overlay));
      const problems = [...objects.flatMap(validateObject), ...crossChecks(overlay, objects)];
      report(`overlays/${overlay}`, objects, problems);
      failed = failed || problems.length > 0 || objects.length === 0;
    }
  }
  process.exit(failed ? 1 : 0);
}

main(process.argv.slice(2));
