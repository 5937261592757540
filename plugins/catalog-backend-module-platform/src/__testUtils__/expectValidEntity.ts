import {
  apiEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';

const policy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

/** Runs the checks the catalog runs on every entity of these kinds. */
export async function expectValidEntity(entity: Entity): Promise<void> {
  await expect(policy.enforce(entity)).resolves.toBeDefined();
  if (entity.kind === 'Resource') {
    await expect(resourceEntityV1alpha1Validator.check(entity)).resolves.toBe(
      true,
    );
  }
  if (entity.kind === 'API') {
    await expect(apiEntityV1alpha1Validator.check(entity)).resolves.toBe(true);
  }
}
