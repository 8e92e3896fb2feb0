namespace FunctionsDownloader.Security;

/// <summary>The body of <c>POST /api/v1/auth/keys</c>.</summary>
public sealed class CreateApiKeyBody
{
    public string? Name { get; init; }
}

/// <summary>A new key: the only time <see cref="ApiKey"/> and <see cref="WebhookSecret"/> are shown.</summary>
public sealed record CreatedApiKeyResponse(
    string KeyId,
    string Name,
    string ApiKey,
    string WebhookSecret,
    DateTimeOffset CreatedAt);

/// <summary>A key as listed: never the key or its secrets.</summary>
public sealed record ApiKeyInfo(string KeyId, string Name, string Status, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>The list of keys.</summary>
public sealed record ApiKeyListResponse(IReadOnlyList<ApiKeyInfo> Keys, int TotalCount);
