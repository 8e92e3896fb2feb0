// The user-assigned identity the function app runs as: storage, Application Insights and the
// admin key in Key Vault are all reached with it, never with a key.

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region of the identity.')
param location string

@description('Tags applied to the identity.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id of the identity.')
output id string = identity.id

@description('Object (principal) id of the identity, for role assignments.')
output principalId string = identity.properties.principalId

@description('Client id of the identity, for AzureWebJobsStorage__clientId and friends.')
output clientId string = identity.properties.clientId
