/**
 * Adoption rate: tenants with at least one platform resource / all tenants
 * (tenant Groups known to the catalog); 0 when there are no tenants.
 * @public
 */
export function adoptionRate(adoptingTenants: number, tenants: number): number {
  return tenants === 0 ? 0 : adoptingTenants / tenants;
}

/** Share of instances created through the portal (0..1); 0 when there are none. @public */
export function portalShare(viaPortal: number, instances: number): number {
  return instances === 0 ? 0 : viaPortal / instances;
}
