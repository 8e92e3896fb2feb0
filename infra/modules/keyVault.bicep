// Key Vault (RBAC only) holding the admin key. The function app reads it through a Key Vault
// reference with its managed identity; the key never sits in an app setting.

@description('Name of the key vault (3-24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the vault.')
param location string

@description('Tags applied to the vault.')
param tags object

@description('Name of the secret that holds the admin key.')
param adminKeySecretName string

@description('The admin key (Auth__AdminKey).')
@secure()
@minLength(16)
param adminKey string

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

// Every deployment writes a new version; the app setting names that version, so the app restarts
// with a rotated key as soon as `azd provision` has run (see README, "Rotating the admin key").
resource adminKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: adminKeySecretName
  properties: {
    value: adminKey
    contentType: 'text/plain'
  }
}

@description('Name of the vault.')
output name string = vault.name

@description('URI of the admin key secret, with its version, for a Key Vault reference.')
output adminKeySecretUri string = adminKeySecret.properties.secretUriWithVersion
