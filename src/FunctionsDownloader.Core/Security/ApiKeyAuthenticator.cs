using System.Collections.Concurrent;
using FunctionsDownloader.Errors;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Security;

/// <summary>
/// Checks the <c>X-API-Key</c> header: the admin key from configuration, or a stored key whose hash
/// matches and that is not revoked. Accepted keys are remembered for a short while
/// (<see cref="AuthOptions.KeyCacheSeconds"/>), so a revoked key stops working within that time.
/// </summary>
public sealed class ApiKeyAuthenticator(ApiKeyStore keys, IOptions<AuthOptions> options, TimeProvider clock)
{
    /// <summary>The header callers send their key in.</summary>
    public const string HeaderName = "X-API-Key";

    private readonly ConcurrentDictionary<string, (ApiKeyRecord Record, DateTimeOffset CheckedAt)> _accepted = new(StringComparer.Ordinal);

    /// <summary>The caller a request with <paramref name="key"/> comes from.</summary>
    /// <param name="key">The header's value, if any.</param>
    /// <param name="clientAddress">The client's address, for rate limits when keys are off.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <exception cref="UnauthorizedException">No key, or one that is unknown or revoked.</exception>
    public async Task<Caller> AuthenticateAsync(string? key, string clientAddress, CancellationToken cancellationToken)
    {
        AuthOptions settings = options.Value;
        if (settings.IsDisabled)
        {
            return new Caller(Caller.LocalOwner, IsAdmin: false, RateLimitSubject: "ip:" + clientAddress);
        }

        if (string.IsNullOrEmpty(key))
        {
            throw new UnauthorizedException($"Send your API key in the {HeaderName} header.");
        }

        if (settings.AdminKey.Length > 0 &&
            ApiKeyFormat.HashesEqual(ApiKeyFormat.Hash(key), ApiKeyFormat.Hash(settings.AdminKey)))
        {
            return new Caller(Caller.AdminOwner, IsAdmin: true, RateLimitSubject: "admin");
        }

        string? keyId = ApiKeyFormat.KeyIdOf(key);
        ApiKeyRecord? record = keyId is null ? null : await FindAsync(keyId, cancellationToken);
        if (record is null || record.RevokedAt is not null || !ApiKeyFormat.HashesEqual(record.KeyHash, ApiKeyFormat.Hash(key)))
        {
            throw new UnauthorizedException($"The API key in {HeaderName} is not valid (unknown or revoked).");
        }

        return new Caller(record.KeyId, IsAdmin: false, RateLimitSubject: "key:" + record.KeyId);
    }

    /// <summary>Forgets a key at once in this process (after revoking it here).</summary>
    public void Forget(string keyId) => _accepted.TryRemove(keyId, out _);

    private async Task<ApiKeyRecord?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        DateTimeOffset now = clock.GetUtcNow();
        TimeSpan ttl = TimeSpan.FromSeconds(Math.Max(0, options.Value.KeyCacheSeconds));
        if (_accepted.TryGetValue(keyId, out var cached) && now - cached.CheckedAt < ttl)
        {
            return cached.Record;
        }

        ApiKeyRecord? record = await keys.GetAsync(keyId, cancellationToken);
        if (record is { RevokedAt: null })
        {
            _accepted[keyId] = (record, now);
        }
        else
        {
            _accepted.TryRemove(keyId, out _);
        }

        return record;
    }
}
