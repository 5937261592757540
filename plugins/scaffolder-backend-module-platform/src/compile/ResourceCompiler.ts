import { InputError } from '@backstage/errors';
import {
  ANNOTATION_COMPONENT_REF,
  compileManifest,
  CompileInputError,
  LABEL_ENVIRONMENT,
  LABEL_TENANT,
  selectTargetCluster,
  selectTenantNamespace,
  validateDns1123Label,
  type CompiledManifest,
  type TenantMapping,
} from '@fractal/backstage-plugin-platform-common';
import type {
  PlatformCluster,
  PlatformDefaultsLayers,
  PlatformDefaultsSource,
} from '@fractal/backstage-plugin-platform-node';
import type { TenantAccess } from '../authorization/TenantAuthorizer';
import type { ClusterDirectory } from '../cluster/ClusterDirectory';
import type { KindLookup } from '../cluster/KindLookup';
import type {
  ClusterKind,
  ObjectKey,
  PlatformClusterClient,
} from '../cluster/types';
import { firstDifference } from './firstDifference';
import { userLayerOf } from './userLayerOf';

/** What a user asks to compile (the inputs of `platform:resource:compile`). */
export interface CompileRequest {
  /** `PostgreSQLInstance`, or `<group>/<Kind>`. */
  kind: string;
  /** `<group>/<version>`, to pin a version. */
  apiVersion?: string;
  /** Group name or entity ref; must already be authorized. */
  tenant: string;
  name: string;
  cluster?: string;
  environment?: string;
  /** The user's layer: becomes `spec.parameters` (checked by compile, so any value). */
  parameters?: Record<string, unknown>;
  /** Extra labels of the user's layer. */
  labels?: Record<string, string>;
  /** Entity ref of the catalog Component the resource serves. */
  component?: string;
}

/** Who compiles: the authorized user and tenant, and the running template. */
export interface CompileIdentity {
  access: TenantAccess;
  /** Entity ref of the template, when run by one. */
  template?: string;
}

/** A compiled manifest with where it goes. */
export interface CompiledResource extends CompiledManifest {
  environment: string;
  key: ObjectKey;
  kind: ClusterKind;
}

/** Options of {@link ResourceCompiler}. */
export interface ResourceCompilerOptions {
  clusters: ClusterDirectory;
  kinds: KindLookup;
  defaults: PlatformDefaultsSource;
  tenants: TenantMapping;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string') out[k] = v;
    }
  }
  return out;
}

/**
 * Compiles requests into final manifests with the same pure
 * `compileManifest` the backend's `POST /compile` uses: the kind's schema
 * from the target cluster's CRD, the namespace from the tenant mapping, the
 * layered defaults from the defaults service. Callers authorize first.
 */
export class ResourceCompiler {
  constructor(private readonly options: ResourceCompilerOptions) {}

  /**
   * Checks what needs no cluster: the name. Called before authorization and
   * before anything reaches a cluster.
   */
  precheck(request: Pick<CompileRequest, 'name'>): void {
    const problems = validateDns1123Label(request.name);
    if (problems.length > 0) {
      throw new CompileInputError(`resource name`, [
        { path: 'name', message: problems.join('; '), layer: 'user' },
      ]);
    }
  }

  /** The cluster and environment of a request (config only, no cluster call). */
  async target(request: {
    cluster?: string;
    environment?: string;
  }): Promise<{ cluster: PlatformCluster; environment: string }> {
    return selectTargetCluster(
      await this.options.clusters.listClusters(),
      request,
    );
  }

  async compile(
    request: CompileRequest,
    identity: CompileIdentity,
  ): Promise<CompiledResource> {
    this.precheck(request);
    const { cluster, environment } = await this.target(request);
    const client = await this.options.clusters.client(cluster.name);
    const kind = await this.options.kinds.find(
      client,
      request.kind,
      request.apiVersion,
    );
    const namespace = await this.namespaceFor(
      client,
      kind,
      identity.access.tenant,
    );
    const compiled = await this.compileFor(
      { kind, namespace, environment, cluster: cluster.name },
      request,
      identity,
    );
    return {
      ...compiled,
      environment,
      kind,
      key: {
        apiVersion: `${kind.group}/${kind.version}`,
        kind: kind.kind,
        plural: kind.plural,
        namespace,
        name: request.name,
      },
    };
  }

  /**
   * Checks that a manifest handed to `platform:resource:apply` is exactly
   * what compile produces for this user and tenant on this cluster: same
   * kind, the tenant's namespace, Fractal's labels and annotations, valid
   * against the schema. Anything else is an `InputError` naming the first
   * differing field.
   */
  async verify(
    manifest: Record<string, unknown>,
    clusterName: string,
    identity: CompileIdentity,
  ): Promise<CompiledResource> {
    const metadata = isObject(manifest.metadata) ? manifest.metadata : {};
    const labels = stringMap(metadata.labels);
    const annotations = stringMap(metadata.annotations);
    if (
      typeof manifest.apiVersion !== 'string' ||
      typeof manifest.kind !== 'string'
    ) {
      throw new InputError('manifest: apiVersion and kind are required');
    }
    if (typeof metadata.name !== 'string') {
      throw new InputError('manifest.metadata.name is required');
    }
    const environment = labels[LABEL_ENVIRONMENT];
    if (labels[LABEL_TENANT] !== identity.access.tenant) {
      throw new InputError(
        `manifest.metadata.labels["${LABEL_TENANT}"] must be '${identity.access.tenant}'`,
      );
    }
    const { cluster } = selectTargetCluster(
      await this.options.clusters.listClusters(),
      {
        cluster: clusterName,
        environment,
      },
    );
    const client = await this.options.clusters.client(cluster.name);
    const kind = await this.options.kinds.find(
      client,
      manifest.kind,
      manifest.apiVersion,
    );
    const namespace = await this.namespaceFor(
      client,
      kind,
      identity.access.tenant,
    );
    if (kind.scope === 'Namespaced' && metadata.namespace !== namespace) {
      throw new InputError(
        `manifest.metadata.namespace must be '${namespace}', the namespace of tenant '${identity.access.tenant}' in cluster '${cluster.name}'`,
      );
    }
    const target = {
      kind,
      namespace,
      environment: environment ?? '',
      cluster: cluster.name,
    };
    const defaults = await this.defaultsFor(target, identity);
    const recompiled = await this.compileFor(
      target,
      {
        name: metadata.name,
        component: annotations[ANNOTATION_COMPONENT_REF],
        ...userLayerOf(manifest, defaults),
      },
      identity,
      defaults,
    );
    const difference = firstDifference(recompiled.manifest, manifest);
    if (difference) {
      throw new InputError(
        `manifest: ${difference} differs from what platform:resource:compile produces for ${identity.access.userRef} and tenant '${identity.access.tenant}'; pass the compile step's manifest output unchanged`,
      );
    }
    return {
      ...recompiled,
      environment: environment ?? '',
      kind,
      key: {
        apiVersion: manifest.apiVersion,
        kind: kind.kind,
        plural: kind.plural,
        namespace,
        name: metadata.name,
      },
    };
  }

  private defaultsFor(
    target: { kind: ClusterKind; environment: string },
    identity: CompileIdentity,
  ): Promise<PlatformDefaultsLayers> {
    return this.options.defaults.getDefaults({
      kind: target.kind.kind,
      group: target.kind.group,
      environment: target.environment,
      tenant: identity.access.tenant,
    });
  }

  /** The one place requests meet the pure compile. */
  private async compileFor(
    target: {
      kind: ClusterKind;
      namespace?: string;
      environment: string;
      cluster: string;
    },
    request: {
      name: string;
      parameters?: unknown;
      labels?: Record<string, string>;
      component?: string;
    },
    identity: CompileIdentity,
    knownDefaults?: PlatformDefaultsLayers,
  ) {
    const defaults =
      knownDefaults ?? (await this.defaultsFor(target, identity));
    const user: Record<string, unknown> = {};
    if (request.parameters !== undefined) {
      user.spec = { parameters: request.parameters };
    }
    if (request.labels !== undefined) {
      user.metadata = { labels: request.labels };
    }
    return compileManifest({
      kind: this.definition(target.kind),
      name: request.name,
      tenant: identity.access.tenant,
      namespace: target.namespace,
      environment: target.environment,
      cluster: target.cluster,
      owner: identity.access.groupRef,
      requestedBy: identity.access.userRef,
      template: identity.template,
      component: request.component,
      defaults,
      user,
    });
  }

  private definition(kind: ClusterKind) {
    if (!kind.schema) {
      throw new InputError(
        `kind: ${kind.kind} has no openAPIV3Schema in its CRD, so its input cannot be validated`,
      );
    }
    return {
      group: kind.group,
      version: kind.version,
      kind: kind.kind,
      plural: kind.plural,
      scope: kind.scope,
      schema: kind.schema,
    };
  }

  private async namespaceFor(
    client: PlatformClusterClient,
    kind: ClusterKind,
    tenant: string,
  ): Promise<string | undefined> {
    if (kind.scope !== 'Namespaced') return undefined;
    return selectTenantNamespace(
      tenant,
      await client.listNamespaces(),
      this.options.tenants,
    );
  }
}
