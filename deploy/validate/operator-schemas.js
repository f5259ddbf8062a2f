// Schemas for the Strimzi and CloudNativePG resources, written by hand: no npm package carries their CRDs, and
// nothing may be downloaded at test time. They describe the fields these manifests use (types, required fields,
// enumerations taken from the operators' documentation) and reject any other field, so a typo or a misplaced key
// fails. They are weaker than the operators' own CRD schemas: a field valid for the operator but unused here is
// refused until it is added below, and cross-field rules the operators enforce are not checked.
'use strict';

const Ajv = require('ajv');

const ajv = new Ajv({ allErrors: true, strict: false });

const str = { type: 'string', minLength: 1 };
const int = min => ({ type: 'integer', minimum: min });
const quantity = { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?(m|Ki|Mi|Gi|Ti|k|M|G|T)?$' };
const strict = (properties, required = []) => ({ type: 'object', additionalProperties: false, properties, required });
const metadata = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$', maxLength: 253 },
    namespace: str,
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
  },
};
const resources = strict({
  requests: strict({ cpu: quantity, memory: quantity }),
  limits: strict({ cpu: quantity, memory: quantity }),
});
const scalar = { type: ['string', 'integer', 'number', 'boolean'] };
const clusterLabel = {
  type: 'object',
  required: ['labels'],
  properties: {
    ...metadata.properties,
    labels: {
      type: 'object',
      required: ['strimzi.io/cluster'],
      additionalProperties: { type: 'string' },
    },
  },
};
const resource = (apiVersion, kind, spec, meta = metadata) => strict({
  apiVersion: { const: apiVersion },
  kind: { const: kind },
  metadata: meta,
  spec,
}, ['apiVersion', 'kind', 'metadata', 'spec']);

const schemas = {
  'kafka.strimzi.io/v1beta2 Kafka': resource('kafka.strimzi.io/v1beta2', 'Kafka', strict({
    kafka: strict({
      version: { type: 'string', pattern: '^[0-9]+\\.[0-9]+\\.[0-9]+$' },
      metadataVersion: str,
      listeners: {
        type: 'array',
        minItems: 1,
        items: strict({
          name: { type: 'string', pattern: '^[a-z0-9]{1,11}$' },
          port: int(9092),
          type: { enum: ['internal', 'route', 'loadbalancer', 'nodeport', 'ingress', 'cluster-ip'] },
          tls: { type: 'boolean' },
        }, ['name', 'port', 'type', 'tls']),
      },
      config: { type: 'object', additionalProperties: scalar },
      resources,
    }, ['listeners']),
    entityOperator: strict({
      topicOperator: strict({ resources }),
      userOperator: strict({ resources }),
    }),
  }, ['kafka'])),

  'kafka.strimzi.io/v1beta2 KafkaNodePool': resource('kafka.strimzi.io/v1beta2', 'KafkaNodePool', strict({
    replicas: int(0),
    roles: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: ['controller', 'broker'] } },
    storage: strict({
      type: { enum: ['jbod', 'ephemeral', 'persistent-claim'] },
      volumes: {
        type: 'array',
        items: strict({
          id: int(0),
          type: { enum: ['ephemeral', 'persistent-claim'] },
          size: quantity,
          class: str,
          deleteClaim: { type: 'boolean' },
          kraftMetadata: { enum: ['shared'] },
        }, ['type']),
      },
    }, ['type']),
    resources,
  }, ['replicas', 'roles', 'storage']), clusterLabel),

  'kafka.strimzi.io/v1beta2 KafkaTopic': resource('kafka.strimzi.io/v1beta2', 'KafkaTopic', strict({
    topicName: str,
    partitions: int(1),
    replicas: { type: 'integer', minimum: 1, maximum: 32767 },
    config: { type: 'object', additionalProperties: scalar },
  }, ['partitions', 'replicas']), clusterLabel),

  'postgresql.cnpg.io/v1 Cluster': resource('postgresql.cnpg.io/v1', 'Cluster', strict({
    instances: int(1),
    imageName: str,
    primaryUpdateStrategy: { enum: ['unsupervised', 'supervised'] },
    postgresql: strict({ parameters: { type: 'object', additionalProperties: { type: 'string' } } }),
    storage: strict({ size: quantity, storageClass: str }, ['size']),
    resources,
    bootstrap: strict({
      initdb: strict({
        database: str,
        owner: str,
        secret: strict({ name: str }, ['name']),
      }),
    }),
    managed: strict({
      roles: {
        type: 'array',
        items: strict({
          name: str,
          ensure: { enum: ['present', 'absent'] },
          login: { type: 'boolean' },
          passwordSecret: strict({ name: str }, ['name']),
        }, ['name']),
      },
    }),
  }, ['instances', 'storage'])),

  'postgresql.cnpg.io/v1 Database': resource('postgresql.cnpg.io/v1', 'Database', strict({
    cluster: strict({ name: str }, ['name']),
    name: str,
    owner: str,
    ensure: { enum: ['present', 'absent'] },
  }, ['cluster', 'name', 'owner'])),
};

const compiled = Object.fromEntries(Object.entries(schemas).map(([key, schema]) => [key, ajv.compile(schema)]));

/** A function returning the problems of an object, or null when the kind is not an operator resource. */
function validator(apiVersion, kind) {
  const check = compiled[`${apiVersion} ${kind}`];
  if (!check) {
    return /strimzi\.io|cnpg\.io/.test(apiVersion)
      ? () => [`no schema for ${apiVersion} ${kind} in operator-schemas.js`]
      : null;
  }
  return obj => (check(obj) ? [] : check.errors.map(e =>
    `${e.instancePath || '/'} ${e.message}${e.params && e.params.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`));
}

module.exports = { validator };
