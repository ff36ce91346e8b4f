// MFA Helper on Azure: the bot, the privileged backend and the TAP issuer as three App Services
// (one Linux plan), each with its own user-assigned managed identities (docs/permissions.md: the
// read-only diagnostic identity; device removal and app installation on the backend; TAP issuing
// and containment on the issuer only); backend and issuer reachable only from the bot's
// VNet-integrated subnet; Azure Bot (Teams channel); Storage (blobs, no shared keys; an immutable audit container);
// Key Vault (RBAC) for the bot's secrets; Application Insights on a Log Analytics workspace.
// Walkthrough and the Graph permission grants: docs/deploy.md. Deployed by teamsapp.yml (arm/deploy).
//
// Why access restrictions + service endpoint (not a private endpoint): the bot's outbound traffic
// leaves through its VNet integration subnet, which has the Microsoft.Web service endpoint; the
// backend allows exactly that subnet and denies everything else (including other App Service
// customers that share outbound IPs, which is why an IP allow-list of the bot's outbound addresses
// is not used). It needs no private DNS zone and works on Basic/Premium plans. A private endpoint
// with public network access disabled is the stricter upgrade (docs/deploy.md, "Hardening").

targetScope = 'resourceGroup'

@minLength(3)
@maxLength(18)
@description('Lower-case letters and digits; prefixes every resource name.')
param resourceBaseName string

param location string = resourceGroup().location

@description('Entra tenant of the bot, the Graph identities and the employees.')
param tenantId string = subscription().tenantId

@description('App Service plan SKU: B1 or higher (VNet integration); P0v3 recommended.')
param appServiceSku string = 'P0v3'

@allowed(['F0', 'S1'])
param botServiceSku string = 'F0'

@description('Standard_ZRS where the region offers it; Standard_LRS otherwise.')
param storageSku string = 'Standard_ZRS'

@description('Your organisation, as named on the privacy statement and terms of use (/privacy, /terms).')
param organizationName string = 'Your organisation'

@description('Who employees contact about the app and their data (an address or a team).')
param privacyContact string = 'your IT helpdesk'

@description('Days each audit record stays immutable (WORM) in the audit container. Raise it to your retention rule; it cannot be shortened once the policy is locked.')
@minValue(1)
param auditRetentionDays int = 400

@description('Evaluation mode: shadow diagnoses and routes approvals but issues no pass, removes no device and sends no nudge (docs/deploy.md "Pilot in evaluation mode"). Set to live to go live.')
@allowed(['live', 'shadow'])
param evaluationMode string = 'live'

@description('App Service runtime: the current Node.js LTS (tests/unit/package/runtime.test.ts holds it to a supported LTS line).')
param nodeRuntime string = 'NODE|24-lts'

param botDisplayName string = 'MFA Helper'

@description('Object id of the Entra group whose members may approve a Temporary Access Pass.')
param approversGroupId string

@description('Optional: helpdesk channel conversation id (else an approver picks it in the channel).')
param helpdeskChannelId string = ''

@description('Optional: members of this Entra group are VIP accounts: no pass from the bot, the request becomes a ticket for in-person verification.')
param vipGroupId string = ''

@description('Optional: members of this Entra group are never nudged by registration campaigns.')
param campaignExcludedGroupId string = ''

@description('Optional: the app id in the org app catalog (after publishing), for proactive installs by campaigns.')
param teamsAppCatalogId string = ''

@description('Application ID URI of the backend app registration (docs/deploy.md step 2), e.g. api://mfa-helper-backend.')
param backendAudience string

@description('App id of the bot\'s Teams SSO app registration (manifest webApplicationInfo.id): the aud of the user tokens the backend accepts as proof.')
param ssoAppId string

@secure()
@description('32 random bytes, base64 (openssl rand -base64 32): encrypts an issued pass until delivery.')
param tapVaultKey string

@secure()
@description('At least 32 characters: HMAC key of the self-check links.')
param checkTokenSecret string

var suffix = uniqueString(resourceGroup().id, resourceBaseName)
var botAppName = '${resourceBaseName}-bot-${take(suffix, 6)}'
var backendAppName = '${resourceBaseName}-api-${take(suffix, 6)}'
var botHost = '${botAppName}.azurewebsites.net'
var backendHost = '${backendAppName}.azurewebsites.net'
var issuerAppName = '${resourceBaseName}-tap-${take(suffix, 6)}'
var issuerHost = '${issuerAppName}.azurewebsites.net'
var storageName = take('${resourceBaseName}${suffix}', 24)
var keyVaultName = take('${resourceBaseName}-kv-${suffix}', 24)

// Built-in role definition ids.
var roleBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
var roleKeyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

// ---- identities: one per service, and a separate one that can only issue passes ------------
resource botIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-bot-id'
  location: location
}

// The diagnostic identity: Graph reads only (diagnosis, approver check, the issuer's rule checks) and
// storage access. Used by the backend service and the TAP issuer service; it can change nothing in Entra.
resource backendIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-backend-id'
  location: location
}

// Holds only UserAuthMethod-TAP.ReadWrite.All and User.RevokeSessions.All (granted after deployment,
// docs/deploy.md); attached to the TAP issuer service only.
resource tapIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-tap-id'
  location: location
}

// Device removal (optional feature): only Device.ReadWrite.All; attached to the backend service.
resource deviceIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-device-id'
  location: location
}

// App installation (campaigns, optional): only TeamsAppInstallation.ReadWriteForUser.All; backend service.
resource appsIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-apps-id'
  location: location
}

// "This wasn't me" (TAP issuer service only): deletes the methods an attacker added (per-method UserAuthMethod-*.ReadWrite.All)
// and, when CONTAIN_BLOCK_SIGN_IN is turned on, blocks sign-in (User.EnableDisableAccount.All); granted after deployment.
resource containIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-contain-id'
  location: location
}

// ---- monitoring ------------------------------------------------------------------------------
resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${resourceBaseName}-logs-${take(suffix, 6)}'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 90
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${resourceBaseName}-ai-${take(suffix, 6)}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
  }
}

// The insights workbook over the telemetry both services send (tests/unit/package/workbook.test.ts
// holds every event it queries to a log message the code writes).
resource insightsWorkbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(resourceGroup().id, resourceBaseName, 'mfa-helper-insights-workbook')
  location: location
  kind: 'shared'
  properties: {
    displayName: 'MFA Helper insights (${resourceBaseName})'
    category: 'workbook'
    sourceId: appInsights.id
    serializedData: loadTextContent('workbooks/insights.workbook.json')
  }
}

// ---- storage: documents (blobs + ETags), audit (append blobs, WORM), bot state (blobs) --------
resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: { name: storageSku }
  properties: {
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    deleteRetentionPolicy: { enabled: true, days: 14 }
    containerDeleteRetentionPolicy: { enabled: true, days: 14 }
  }
}

resource documentsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: 'documents'
}

resource botStateContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: 'botstate'
}

// The audit trail: hash-chained append blobs (src/storage/azure/blobAuditLog.ts) in a container
// with a time-based retention policy that allows protected appends. The app's identities (Storage
// Blob Data Contributor) can append records but cannot modify or delete a block or a blob until
// the retention ends; lock the policy after the first deployment (docs/deploy.md) so no one can
// shorten or remove it.
resource auditContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: 'audit'
}

resource auditImmutability 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2023-05-01' = {
  parent: auditContainer
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: auditRetentionDays
    allowProtectedAppendWrites: true
  }
}

resource botBlobRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, botIdentity.id, roleBlobDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleBlobDataContributor)
    principalId: botIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource backendBlobRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, backendIdentity.id, roleBlobDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleBlobDataContributor)
    principalId: backendIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---- Key Vault: the bot's secrets, read through Key Vault references -------------------------
resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

resource tapVaultKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'tap-vault-key'
  properties: { value: tapVaultKey }
}

resource checkTokenSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'check-token-secret'
  properties: { value: checkTokenSecret }
}

resource botSecretsRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, botIdentity.id, roleKeyVaultSecretsUser)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleKeyVaultSecretsUser)
    principalId: botIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---- network: the bot's outbound subnet, the only way into the backend ----------------------
resource vnet 'Microsoft.Network/virtualNetworks@2023-11-01' = {
  name: '${resourceBaseName}-vnet'
  location: location
  properties: {
    addressSpace: { addressPrefixes: ['10.60.0.0/16'] }
    subnets: [
      {
        name: 'bot-outbound'
        properties: {
          addressPrefix: '10.60.1.0/24'
          delegations: [{ name: 'web', properties: { serviceName: 'Microsoft.Web/serverFarms' } }]
          serviceEndpoints: [{ service: 'Microsoft.Web' }]
        }
      }
    ]
  }
}

var botSubnetId = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'bot-outbound')

// ---- compute ----------------------------------------------------------------------------------
resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  sku: { name: appServiceSku }
  properties: { reserved: true }
}

// Runtime settings. Every name here is a key of src/config.ts (tests/unit/package/keys.test.ts),
// except the App Service platform settings listed there.
var storageEndpoints = 'BlobEndpoint=${storage.properties.primaryEndpoints.blob};TableEndpoint=${storage.properties.primaryEndpoints.table}'

var botAppSettings = [
  { name: 'APP_MODE', value: 'production' }
  { name: 'APP_ROLE', value: 'bot' }
  { name: 'LOG_LEVEL', value: 'info' }
  { name: 'PORT', value: '8080' }
  { name: 'WEBSITES_PORT', value: '8080' }
  { name: 'BIND_HOST', value: '0.0.0.0' }
  { name: 'BOT_ID', value: botIdentity.properties.clientId }
  { name: 'BOT_TYPE', value: 'UserAssignedMSI' }
  { name: 'BOT_TENANT_ID', value: tenantId }
  { name: 'ALLOWED_TENANTS', value: tenantId }
  { name: 'PUBLIC_BASE_URL', value: 'https://${botHost}' }
  { name: 'CHECK_TOKEN_SECRET', value: '@Microsoft.KeyVault(SecretUri=${checkTokenSecretSecret.properties.secretUri})' }
  // Only App Service's front ends reach the container, from platform-internal addresses; their
  // X-Forwarded-For carries the employee's address (IPv6 included). [unconfirmed ranges: docs/security-model.md]
  { name: 'ORGANIZATION_NAME', value: organizationName }
  { name: 'PRIVACY_CONTACT', value: privacyContact }
  { name: 'CHECK_TRUSTED_PROXIES', value: '10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,169.254.0.0/16,100.64.0.0/10,fc00::/7' }
  { name: 'STORAGE_KIND', value: 'azure' }
  { name: 'AZURE_STORAGE_CONNECTION_STRING', value: '${storageEndpoints};ManagedIdentityClientId=${botIdentity.properties.clientId}' }
  { name: 'BACKEND_URL', value: 'https://${backendHost}' }
  { name: 'BACKEND_ISSUER_URL', value: 'https://${issuerHost}' }
  { name: 'BACKEND_AUTH_MODE', value: 'entra' }
  { name: 'BACKEND_AUDIENCE', value: backendAudience }
  { name: 'APPROVERS_GROUP_ID', value: approversGroupId }
  { name: 'HELPDESK_CHANNEL_ID', value: helpdeskChannelId }
  { name: 'TAP_VAULT_KEY', value: '@Microsoft.KeyVault(SecretUri=${tapVaultKeySecret.properties.secretUri})' }
  { name: 'CAMPAIGN_EXCLUDED_GROUP_ID', value: campaignExcludedGroupId }
  { name: 'TEAMS_APP_CATALOG_ID', value: teamsAppCatalogId }
  { name: 'EVALUATION_MODE', value: evaluationMode }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
  { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
]

var backendAppSettings = [
  { name: 'APP_MODE', value: 'production' }
  { name: 'APP_ROLE', value: 'backend' }
  { name: 'LOG_LEVEL', value: 'info' }
  { name: 'BACKEND_PORT', value: '8080' }
  { name: 'WEBSITES_PORT', value: '8080' }
  { name: 'BACKEND_AUTH_MODE', value: 'entra' }
  { name: 'BACKEND_AUDIENCE', value: backendAudience }
  { name: 'BACKEND_ALLOWED_CALLERS', value: botIdentity.properties.clientId }
  { name: 'USER_TOKEN_AUDIENCE', value: ssoAppId }
  { name: 'GRAPH_TENANT_ID', value: tenantId }
  { name: 'GRAPH_CREDENTIAL', value: 'managedIdentity' }
  { name: 'GRAPH_CLIENT_ID', value: backendIdentity.properties.clientId }
  { name: 'DEVICE_GRAPH_CREDENTIAL', value: 'managedIdentity' }
  { name: 'DEVICE_GRAPH_CLIENT_ID', value: deviceIdentity.properties.clientId }
  { name: 'APPS_GRAPH_CREDENTIAL', value: 'managedIdentity' }
  { name: 'APPS_GRAPH_CLIENT_ID', value: appsIdentity.properties.clientId }
  { name: 'APPROVERS_GROUP_ID', value: approversGroupId }
  { name: 'VIP_GROUP_ID', value: vipGroupId }
  { name: 'CAMPAIGN_EXCLUDED_GROUP_ID', value: campaignExcludedGroupId }
  { name: 'TEAMS_APP_CATALOG_ID', value: teamsAppCatalogId }
  { name: 'STORAGE_KIND', value: 'azure' }
  { name: 'AZURE_STORAGE_CONNECTION_STRING', value: '${storageEndpoints};ManagedIdentityClientId=${backendIdentity.properties.clientId}' }
  { name: 'EVALUATION_MODE', value: evaluationMode }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
  { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
]

// The TAP issuer service: pass requests, issuance, revocation, containment (APP_ROLE=issuer). The
// diagnostic identity for its rule checks (read-only), the TAP and containment identities for writes.
var issuerAppSettings = [
  { name: 'APP_MODE', value: 'production' }
  { name: 'APP_ROLE', value: 'issuer' }
  { name: 'LOG_LEVEL', value: 'info' }
  { name: 'BACKEND_PORT', value: '8080' }
  { name: 'WEBSITES_PORT', value: '8080' }
  { name: 'BACKEND_AUTH_MODE', value: 'entra' }
  { name: 'BACKEND_AUDIENCE', value: backendAudience }
  { name: 'BACKEND_ALLOWED_CALLERS', value: botIdentity.properties.clientId }
  { name: 'USER_TOKEN_AUDIENCE', value: ssoAppId }
  { name: 'GRAPH_TENANT_ID', value: tenantId }
  { name: 'GRAPH_CREDENTIAL', value: 'managedIdentity' }
  { name: 'GRAPH_CLIENT_ID', value: backendIdentity.properties.clientId }
  { name: 'TAP_GRAPH_CREDENTIAL', value: 'managedIdentity' }
  { name: 'TAP_GRAPH_CLIENT_ID', value: tapIdentity.properties.clientId }
  { name: 'CONTAIN_GRAPH_CREDENTIAL', value: 'managedIdentity' }
  { name: 'CONTAIN_GRAPH_CLIENT_ID', value: containIdentity.properties.clientId }
  { name: 'APPROVERS_GROUP_ID', value: approversGroupId }
  { name: 'STORAGE_KIND', value: 'azure' }
  { name: 'AZURE_STORAGE_CONNECTION_STRING', value: '${storageEndpoints};ManagedIdentityClientId=${backendIdentity.properties.clientId}' }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
  { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
]

resource botApp 'Microsoft.Web/sites@2023-12-01' = {
  name: botAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${botIdentity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: botIdentity.id
    virtualNetworkSubnetId: botSubnetId
    siteConfig: {
      linuxFxVersion: nodeRuntime
      appCommandLine: 'node dist/src/index.js'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      vnetRouteAllEnabled: true
      // Liveness only: readiness (/readyz) also fails when the backend is down, and App Service
      // replaces instances that fail the health check, which would not help then.
      healthCheckPath: '/healthz'
      appSettings: botAppSettings
    }
  }
  dependsOn: [botBlobRole, botSecretsRole]
}

resource backendApp 'Microsoft.Web/sites@2023-12-01' = {
  name: backendAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${backendIdentity.id}': {}
      '${deviceIdentity.id}': {}
      '${appsIdentity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: nodeRuntime
      appCommandLine: 'node dist/src/index.js'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/healthz'
      ipSecurityRestrictionsDefaultAction: 'Deny'
      ipSecurityRestrictions: [
        {
          name: 'bot-outbound-subnet-only'
          action: 'Allow'
          priority: 100
          vnetSubnetResourceId: botSubnetId
        }
      ]
      // Deployments (zip deploy) go through the SCM site, which keeps its own (open) rules;
      // lock it down with scmIpSecurityRestrictions to your deployment agents if you can.
      scmIpSecurityRestrictionsUseMain: false
      appSettings: backendAppSettings
    }
  }
  dependsOn: [backendBlobRole]
}

// The TAP issuer: its own App Service, the only one holding the TAP and containment identities,
// reachable only from the bot's outbound subnet (the backend service cannot reach it either).
resource issuerApp 'Microsoft.Web/sites@2023-12-01' = {
  name: issuerAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${backendIdentity.id}': {}
      '${tapIdentity.id}': {}
      '${containIdentity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: nodeRuntime
      appCommandLine: 'node dist/src/index.js'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/healthz'
      ipSecurityRestrictionsDefaultAction: 'Deny'
      ipSecurityRestrictions: [
        {
          name: 'bot-outbound-subnet-only'
          action: 'Allow'
          priority: 100
          vnetSubnetResourceId: botSubnetId
        }
      ]
      // Deployments (zip deploy) go through the SCM site, which keeps its own (open) rules;
      // lock it down with scmIpSecurityRestrictions to your deployment agents if you can.
      scmIpSecurityRestrictionsUseMain: false
      appSettings: issuerAppSettings
    }
  }
  dependsOn: [backendBlobRole]
}

// ---- Azure Bot with the Teams channel ----------------------------------------------------------
resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${resourceBaseName}-${take(suffix, 6)}'
  location: 'global'
  kind: 'azurebot'
  sku: { name: botServiceSku }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${botHost}/api/messages'
    msaAppId: botIdentity.properties.clientId
    msaAppMSIResourceId: botIdentity.id
    msaAppTenantId: tenantId
    msaAppType: 'UserAssignedMSI'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// ---- outputs: written to env/.env.<env> by the Agents Toolkit ---------------------------------
output BOT_ID string = botIdentity.properties.clientId
output BOT_DOMAIN string = botHost
output PUBLIC_BASE_URL string = 'https://${botHost}'
output BACKEND_URL string = 'https://${backendHost}'
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = botApp.id
output BACKEND_AZURE_APP_SERVICE_RESOURCE_ID string = backendApp.id
output ISSUER_AZURE_APP_SERVICE_RESOURCE_ID string = issuerApp.id
output BACKEND_ISSUER_URL string = 'https://${issuerHost}'
output GRAPH_CLIENT_ID string = backendIdentity.properties.clientId
output TAP_GRAPH_CLIENT_ID string = tapIdentity.properties.clientId
output BACKEND_IDENTITY_PRINCIPAL_ID string = backendIdentity.properties.principalId
output TAP_IDENTITY_PRINCIPAL_ID string = tapIdentity.properties.principalId
output CONTAIN_IDENTITY_PRINCIPAL_ID string = containIdentity.properties.principalId
output DEVICE_IDENTITY_PRINCIPAL_ID string = deviceIdentity.properties.principalId
output APPS_IDENTITY_PRINCIPAL_ID string = appsIdentity.properties.principalId
output BOT_IDENTITY_PRINCIPAL_ID string = botIdentity.properties.principalId
output KEY_VAULT_NAME string = keyVault.name
output STORAGE_ACCOUNT_NAME string = storage.name
