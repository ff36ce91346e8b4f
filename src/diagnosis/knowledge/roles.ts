/**
 * Built-in Entra role ids (= template ids) worth naming in evidence (entra-graph-2026.md §18.4,
 * [field]: consistent across many repositories). Any other id is shown as is (custom roles).
 */
export const BUILT_IN_ROLE_NAMES: ReadonlyMap<string, string> = new Map([
  ['62e90394-69f5-4237-9190-012177145e10', 'Global Administrator'],
  ['e8611ab8-c189-46e8-94e1-60213ab1f814', 'Privileged Role Administrator'],
  ['7be44c8a-adaf-4e2a-84d6-ab2649e08a13', 'Privileged Authentication Administrator'],
  ['c4e39bd9-1100-46d3-8c65-fb160da0071f', 'Authentication Administrator'],
  ['729827e3-9c14-49f7-bb1b-9608f156bbb8', 'Helpdesk Administrator'],
  ['fe930be7-5e62-47db-91af-98c3a49a38b1', 'User Administrator'],
  ['966707d0-3269-4727-9be2-8c3a10f19b9d', 'Password Administrator'],
  ['194ae4cb-b126-40b2-bd5b-6091b380977d', 'Security Administrator'],
  ['f2ef992c-3afb-46b9-b7cf-a126ee74c451', 'Global Reader'],
]);

export const ROLE_SOURCE = 'entra-graph-2026.md §18.4 (built-in role template ids) [field]';
