using FunctionsDownloader.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsDownloader.Functions.Security;

/// <summary>The admin key routes: one-line wrappers over <see cref="ApiKeyHandlers"/>.</summary>
public sealed class ApiKeyFunctions(ApiKeyHandlers handlers)
{
    [Function(nameof(CreateApiKey))]
    public Task<IResult> CreateApiKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/auth/keys")] HttpRequest request) =>
        handlers.CreateAsync(request);

    [Function(nameof(ListApiKeys))]
    public Task<IResult> ListApiKeys(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/auth/keys")] HttpRequest request) =>
        handlers.ListAsync(request);

    [Function(nameof(RevokeApiKey))]
    public Task<IResult> RevokeApiKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/auth/keys/{keyId}")] HttpRequest request,
        string keyId) => handlers.RevokeAsync(request, keyId);
}
