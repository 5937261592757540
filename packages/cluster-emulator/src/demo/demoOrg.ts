/** A tenant of the demo organisation. */
export interface DemoTenant {
  name: string;
  /** Catalog Components the tenant's resources serve. */
  components: string[];
  /** The tenant's developer (a catalog User). */
  user: string;
  /** Whether the seeded history gives the tenant platform resources. */
  adopter: boolean;
}

/** The demo organisation: five teams, one of which has not adopted the platform. */
export const DEMO_TENANTS: DemoTenant[] = [
  {
    name: 'payments',
    components: ['payments-api', 'payments-worker'],
    user: 'ada',
    adopter: true,
  },
  {
    name: 'checkout',
    components: ['checkout-web', 'checkout-api'],
    user: 'grace',
    adopter: true,
  },
  {
    name: 'search',
    components: ['search-indexer', 'search-api'],
    user: 'linus',
    adopter: true,
  },
  {
    name: 'identity',
    components: ['identity-service'],
    user: 'margaret',
    adopter: true,
  },
  {
    name: 'analytics',
    components: ['analytics-pipeline'],
    user: 'ken',
    adopter: false,
  },
];

/** The platform team's Group. */
export const PLATFORM_TEAM = 'platform-team';

/** The demo clusters: name, environment and port. */
export const DEMO_CLUSTERS = [
  { name: 'dev', environment: 'development', port: 6443 },
  { name: 'prod-eu', environment: 'production', port: 6444 },
  { name: 'prod-us', environment: 'production', port: 6445 },
];
