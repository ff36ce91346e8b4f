/** Known properties per Graph entity type, for $select/$filter validation (plus any key a fixture object carries). */
const words = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

export interface EntityType {
  name: string;
  known: ReadonlySet<string>;
  /** Selected-but-absent properties come back as null (directory objects do this). */
  nullForMissing: boolean;
}

export const USER: EntityType = {
  name: 'microsoft.graph.user',
  nullForMissing: true,
  known: words(`id aboutMe accountEnabled ageGroup assignedLicenses assignedPlans birthday businessPhones city companyName
    consentProvidedForMinor country createdDateTime creationType deletedDateTime department displayName employeeHireDate
    employeeId employeeLeaveDateTime employeeOrgData employeeType externalUserState externalUserStateChangeDateTime faxNumber
    givenName hireDate identities imAddresses interests isResourceAccount jobTitle lastPasswordChangeDateTime legalAgeGroupClassification
    licenseAssignmentStates mail mailNickname mobilePhone mySite officeLocation onPremisesDistinguishedName onPremisesDomainName
    onPremisesExtensionAttributes onPremisesImmutableId onPremisesLastSyncDateTime onPremisesProvisioningErrors onPremisesSamAccountName
    onPremisesSecurityIdentifier onPremisesSyncEnabled onPremisesUserPrincipalName otherMails passwordPolicies passwordProfile pastProjects
    postalCode preferredDataLocation preferredLanguage preferredName provisionedPlans proxyAddresses responsibilities schools
    securityIdentifier showInAddressList signInActivity signInSessionsValidFromDateTime skills state streetAddress surname
    usageLocation userPrincipalName userType`),
};

export const USER_DEFAULT_SELECT = ['businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id'];

export const DEVICE: EntityType = {
  name: 'microsoft.graph.device',
  nullForMissing: true,
  known: words(`id accountEnabled alternativeSecurityIds approximateLastSignInDateTime complianceExpirationDateTime deviceCategory deviceId
    deviceMetadata deviceOwnership deviceVersion displayName enrollmentProfileName enrollmentType extensionAttributes isCompliant isManaged
    isRooted managementType manufacturer mdmAppId model onPremisesLastSyncDateTime onPremisesSecurityIdentifier onPremisesSyncEnabled
    operatingSystem operatingSystemVersion physicalIds profileType registrationDateTime systemLabels trustType createdDateTime deletedDateTime`),
};

export const GROUP: EntityType = {
  name: 'microsoft.graph.group',
  nullForMissing: true,
  known: words(`id classification createdDateTime deletedDateTime description displayName expirationDateTime groupTypes isAssignableToRole
    mail mailEnabled mailNickname membershipRule onPremisesSyncEnabled securityEnabled securityIdentifier visibility roleTemplateId`),
};

export const SIGN_IN: EntityType = {
  name: 'microsoft.graph.signIn',
  nullForMissing: false,
  known: words(`id appDisplayName appId appliedConditionalAccessPolicies clientAppUsed conditionalAccessStatus correlationId createdDateTime
    deviceDetail ipAddress isInteractive location resourceDisplayName resourceId riskDetail riskEventTypes riskEventTypes_v2
    riskLevelAggregated riskLevelDuringSignIn riskState status userDisplayName userId userPrincipalName`),
};

export const REGISTRATION: EntityType = {
  name: 'microsoft.graph.userRegistrationDetails',
  nullForMissing: true,
  known: words(`id isAdmin isMfaCapable isMfaRegistered isPasswordlessCapable isSsprCapable isSsprEnabled isSsprRegistered
    isSystemPreferredAuthenticationMethodEnabled lastUpdatedDateTime methodsRegistered systemPreferredAuthenticationMethods
    userDisplayName userPreferredMethodForSecondaryAuthentication userPrincipalName userType`),
};

export const ANY: EntityType = { name: 'microsoft.graph.entity', nullForMissing: false, known: new Set(['id']) };
