using FunctionsDownloader.Configuration;
using FunctionsDownloader.Errors;
using FunctionsDownloader.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Security;

/// <summary>Admin routes that create, list and revoke API keys.</summary>
public sealed class ApiKeyHandlers(
    ApiKeyStore keys,
    ApiKeyAuthenticator authenticator,
    IOptions<AuthOptions> authOptions,
    IOptions<DownloaderOptions> options,
    TimeProvider clock,
    ILogger<ApiKeyHandlers> logger)
{
    private const int MaxNameLength = 100;

    /// <summary><c>POST /api/v1/auth/keys</c>: a new key, shown once.</summary>
    public Task<IResult> CreateAsync(HttpRequest request) =>
        ApiErrors.RunAsync(request.HttpContext, logger, async () =>
        {
            RequireAdmin(request.HttpContext);
            CancellationToken cancellationToken = request.HttpContext.RequestAborted;
            CreateApiKeyBody body = request.ContentLength is 0 && string.IsNullOrEmpty(request.ContentType)
                ? new CreateApiKeyBody()
                : await RequestBody.ReadJsonAsync<CreateApiKeyBody>(request, options.Value.MaxRequestBodyBytes, cancellationToken);
            string name = (body.Name ?? "").Trim();
            if (name.Length == 0 || name.Length > MaxNameLength || name.Any(char.IsControl))
            {
                throw new InvalidRequestException(
                    "name", $"'name' is required: 1 to {MaxNameLength} characters without control characters.");
            }

            (string keyId, string key) = ApiKeyFormat.Create();
            var record = new ApiKeyRecord
            {
                KeyId = keyId,
                Name = name,
                KeyHash = ApiKeyFormat.Hash(key),
                WebhookSecret = ApiKeyFormat.CreateWebhookSecret(),
                CreatedAt = clock.GetUtcNow(),
            };
            await keys.AddAsync(record, cancellationToken);
            logger.LogInformation("Created API key {KeyId}", keyId);

            return new CreatedJsonResult<CreatedApiKeyResponse>(
                $"{request.PathBase}{request.Path.Value?.TrimEnd('/')}/{keyId}",
                new CreatedApiKeyResponse(keyId, name, key, record.WebhookSecret, record.CreatedAt));
        });

    /// <summary><c>GET /api/v1/auth/keys</c>: every key, without secrets.</summary>
    public Task<IResult> ListAsync(HttpRequest request) =>
        ApiErrors.RunAsync(request.HttpContext, logger, async () =>
        {
            RequireAdmin(request.HttpContext);
            IReadOnlyList<ApiKeyRecord> all = await keys.ListAsync(request.HttpContext.RequestAborted);
            ApiKeyInfo[] infos = [.. all.Select(ToInfo)];
            return TypedResults.Json(new ApiKeyListResponse(infos, infos.Length), ApiJson.Options);
        });

    /// <summary><c>DELETE /api/v1/auth/keys/{key_id}</c>: revokes a key (it stops working within a minute everywhere).</summary>
    public Task<IResult> RevokeAsync(HttpRequest request, string keyId) =>
        ApiErrors.RunAsync(request.HttpContext, logger, async () =>
        {
            RequireAdmin(request.HttpContext);
            CancellationToken cancellationToken = request.HttpContext.RequestAborted;
            ApiKeyRecord record = (ApiKeyFormat.IsKeyId(keyId) ? await keys.GetAsync(keyId, cancellationToken) : null)
                ?? throw new NotFoundException($"There is no API key '{Shorten(keyId)}'. List the keys to find its id.");
            if (record.RevokedAt is null)
            {
                record.RevokedAt = clock.GetUtcNow();
                await keys.UpdateAsync(record, cancellationToken);
                logger.LogInformation("Revoked API key {KeyId}", keyId);
            }

            authenticator.Forget(keyId);
            return TypedResults.Json(ToInfo(record), ApiJson.Options);
        });

    private void RequireAdmin(HttpContext context)
    {
        if (authOptions.Value.IsDisabled)
        {
            throw new ForbiddenException("API keys are switched off (Auth:Mode is none); there are no keys to manage.");
        }

        if (!RequestGate.CallerOf(context).IsAdmin)
        {
            throw new ForbiddenException("Only the admin key may manage API keys.");
        }
    }

    private static ApiKeyInfo ToInfo(ApiKeyRecord record) =>
        new(record.KeyId, record.Name, record.RevokedAt is null ? "active" : "revoked", record.CreatedAt, record.RevokedAt);

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
