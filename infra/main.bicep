// FunctionsDownloader on Azure Functions Flex Consumption: `azd up` provisions this and deploys
// src/FunctionsDownloader into it. One module per concern under modules/; every name comes from
// the resource token; the app reaches storage, monitoring and Key Vault with its managed identity.
targetScope = 'subscription'

@description('Name of the azd environment; it seeds the resource token and names the resource group.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Azure region of every resource; it must offer the Flex Consumption plan.')
@minLength(1)
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Principal id of whoever deploys (azd fills it); gets data access and Key Vault secrets officer. Empty for none.')
param principalId string = ''

@description('Kind of the deploying principal.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param principalType string = 'User'

@description('The admin key (Auth__AdminKey), stored in Key Vault. azd generates one on the first provision and reads it back from the vault afterwards.')
@secure()
@minLength(16)
param adminKey string

@description('Hours a result is kept (Downloader__RetentionHours); the lifecycle rule deletes leftovers a day later.')
@minValue(1)
@maxValue(8760)
param retentionHours int = 24

@description('Six-field NCRONTAB schedule of expiry and history purge (Downloader__CleanupSchedule).')
param cleanupSchedule string = '0 */15 * * * *'

@description('Requests per second and per minute allowed per API key, by route category.')
param rateLimits rateLimitsType = {
  download: {
    perSecond: 2
    perMinute: 10
  }
  playlist: {
    perSecond: 1
    perMinute: 5
  }
  batch: {
    perSecond: 1
    perMinute: 3
  }
}

@description('Memory of one instance in MB; 4096 gives ffmpeg two vCPUs and room to merge large files.')
@allowed([
  2048
  4096
])
param instanceMemoryMB int = 4096

@description('Most instances the app scales out to (and so the most concurrent downloads, times four).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Route outbound traffic through a virtual network and a NAT gateway with one static address.')
param vnetEnabled bool = false

@description('Limits of one route category.')
type rateLimitWindow = {
  @description('Requests per second.')
  @minValue(1)
  perSecond: int

  @description('Requests per minute.')
  @minValue(1)
  perMinute: int
}

@description('Limits of every route category (RateLimits__*).')
type rateLimitsType = {
  @description('Creating single downloads.')
  download: rateLimitWindow

  @description('Creating playlist and channel downloads.')
  playlist: rateLimitWindow

  @description('Creating batches.')
  batch: rateLimitWindow
}

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var serviceName = 'api'
var resultsContainerName = 'results'
var cookiesContainerName = 'cookies'
var deploymentContainerName = 'app-package'
var adminKeySecretName = 'admin-key'

// Whole days, rounded up, plus one: a link never outlives its file, and the rule never deletes a
// file the service still offers.
var resultsDeleteAfterDays = (retentionHours + 23) / 24 + 1

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    resultsContainerName: resultsContainerName
    cookiesContainerName: cookiesContainerName
    deploymentContainerName: deploymentContainerName
    resultsDeleteAfterDays: resultsDeleteAfterDays
  }
}

module keyVault 'modules/keyVault.bicep' = {
  name: 'keyVault'
  scope: rg
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    adminKeySecretName: adminKeySecretName
    adminKey: adminKey
  }
}

module network 'modules/network.bicep' = if (vnetEnabled) {
  name: 'network'
  scope: rg
  params: {
    vnetName: 'vnet-${resourceToken}'
    natGatewayName: 'ng-${resourceToken}'
    publicIpName: 'pip-${resourceToken}'
    location: location
    tags: tags
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: keyVault.outputs.name
    adminKeySecretName: adminKeySecretName
    appPrincipalId: identity.outputs.principalId
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
  }
}

module functionApp 'modules/functionApp.bicep' = {
  name: 'functionApp'
  scope: rg
  // The app resolves its Key Vault reference and opens storage at start-up: grant first.
  dependsOn: [
    roles
  ]
  params: {
    planName: 'plan-${resourceToken}'
    name: 'func-${resourceToken}'
    location: location
    tags: tags
    serviceName: serviceName
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    subnetId: vnetEnabled ? network!.outputs.appSubnetId : ''
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    appSettings: {
      Auth__Mode: 'keys'
      Auth__AdminKey: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.adminKeySecretUri})'
      Downloader__RetentionHours: string(retentionHours)
      Downloader__CleanupSchedule: cleanupSchedule
      Downloader__ResultsContainer: resultsContainerName
      Downloader__CookiesContainer: cookiesContainerName
      RateLimits__Download__PerSecond: string(rateLimits.download.perSecond)
      RateLimits__Download__PerMinute: string(rateLimits.download.perMinute)
      RateLimits__Playlist__PerSecond: string(rateLimits.playlist.perSecond)
      RateLimits__Playlist__PerMinute: string(rateLimits.playlist.perMinute)
      RateLimits__Batch__PerSecond: string(rateLimits.batch.perSecond)
      RateLimits__Batch__PerMinute: string(rateLimits.batch.perMinute)
    }
  }
}

@description('Region of the deployment.')
output AZURE_LOCATION string = location

@description('Tenant of the deployment.')
output AZURE_TENANT_ID string = tenant().tenantId

@description('Resource group that holds everything.')
output AZURE_RESOURCE_GROUP string = rg.name

@description('Name of the function app (azd deploys the api service to it).')
output SERVICE_API_NAME string = functionApp.outputs.name

@description('Base URL of the API.')
output SERVICE_API_URI string = 'https://${functionApp.outputs.defaultHostName}/api'

@description('Storage account of the service and the task hub.')
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name

@description('Key vault that holds the admin key; azd reads the key back from it on the next provision.')
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name

@description('Name of the admin key secret in the vault.')
output AZURE_ADMIN_KEY_SECRET_NAME string = adminKeySecretName

@description('Connection string of Application Insights (an address and an id, not a secret).')
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString

@description('Static public address downloads leave from, when vnetEnabled; empty otherwise.')
output EGRESS_IP_ADDRESS string = vnetEnabled ? network!.outputs.egressIpAddress : ''
